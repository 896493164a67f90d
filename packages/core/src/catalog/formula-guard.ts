// CSV formula injection (OWASP): a spreadsheet runs a cell that starts with = + - @ (or a tab or
// carriage return) as a formula. Exports prefix such cells with a single quote; imports take the
// quote off again, so an export re-imports unchanged.

const TRIGGERS = /^[=+\-@\t\r]/;

/** The cell as an export writes it: quoted with ' when a spreadsheet would read it as a formula. */
export function guardFormula(text: string): string {
  return TRIGGERS.test(text) ? `'${text}` : text;
}

/** The cell as an import reads it: a guard quote added by guardFormula is removed. */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && TRIGGERS.test(text.slice(1)) ? text.slice(1) : text;
}
