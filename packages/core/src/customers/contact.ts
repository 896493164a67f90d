// Contact details of a customer: what a valid phone is, and how personal data reads to a role
// without `customers.pii` (PIPL art. 51: least exposure). Masks keep just enough to recognise a
// record on the phone with the customer (surname, the mobile's carrier prefix and last four).

const E164 = /^\+[1-9]\d{6,14}$/;
const CN_MOBILE = /^1[3-9]\d{9}$/;

/**
 * A phone as stored: spaces, hyphens and parentheses removed; a Chinese mobile written with +86 is
 * kept in E.164. Undefined when it is neither an E.164 number nor an 11-digit Chinese mobile.
 */
export function normalizePhone(input: string): string | undefined {
  const compact = input.replace(/[\s\-()]/g, '');
  return E164.test(compact) || CN_MOBILE.test(compact) ? compact : undefined;
}

/** 张三丰 → 张**; a single character stays hidden behind one star. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812340000 → 138****0000; +8613812340000 → +86138****0000; other numbers keep their last four. */
export function maskPhone(phone: string): string {
  if (CN_MOBILE.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (phone.startsWith('+86') && CN_MOBILE.test(phone.slice(3))) return `+86${maskPhone(phone.slice(3))}`;
  return `${phone.slice(0, 3)}${'*'.repeat(Math.max(0, phone.length - 7))}${phone.slice(-4)}`;
}

/** alice@example.com → a***@example.com. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${[...email.slice(0, at)][0]}***${email.slice(at)}`;
}

/** A birthday (YYYY-MM-DD) gives away age and identity alike; masked, nothing of it shows. */
export function maskBirthday(_birthday: string): string {
  return '****-**-**';
}

export interface PersonalData {
  displayName: string | null;
  phone: string | null;
  email: string | null;
  birthday: string | null;
}

/** The personal fields of a record, masked (for callers without `customers.pii`). */
export function maskPersonalData<T extends PersonalData>(record: T): T {
  return {
    ...record,
    displayName: record.displayName === null ? null : maskName(record.displayName),
    phone: record.phone === null ? null : maskPhone(record.phone),
    email: record.email === null ? null : maskEmail(record.email),
    birthday: record.birthday === null ? null : maskBirthday(record.birthday),
  };
}
