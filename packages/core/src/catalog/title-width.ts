// Platforms (淘宝/天猫, 京东, 拼多多) limit a title to 60 "characters" where a Chinese (full-width)
// character counts as 2 and a Latin letter, digit or half-width symbol as 1.

const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** True for a CJK or other full-width character (counted as 2). */
export function isWide(char: string): boolean {
  return WIDE.test(char);
}

/** The title width as the platforms count it: CJK and full-width characters 2, others 1. */
export function titleWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch) ? 2 : 1;
  return width;
}

/** The width of the text before `index` (a UTF-16 index such as indexOf returns). */
export function widthBefore(text: string, index: number): number {
  return titleWidth(text.slice(0, index));
}
