import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. (2 = Algorithm.Argon2id, a const enum
// that isolated modules cannot import.)
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so unknown emails cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}

/** A random secret, URL-safe, with `bytes` bytes of entropy. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A readable generated password: 4 groups of 5 characters from an unambiguous alphabet (~100 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const TOKEN_PREFIX = 'yyt';

/** API token text: `yyt.<tenantId>.<tokenId>.<secret>`; only sha256(secret) is stored. */
export function formatApiToken(tenantId: string, tokenId: string, secret: string): string {
  return `${TOKEN_PREFIX}.${tenantId}.${tokenId}.${secret}`;
}

export function parseApiToken(text: string): { tenantId: string; tokenId: string; secret: string } | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts[0] !== TOKEN_PREFIX) return undefined;
  const [, tenantId, tokenId, secret] = parts as [string, string, string, string];
  if (!/^tnt_[0-9a-z]{26}$/.test(tenantId) || !/^tok_[0-9a-z]{26}$/.test(tokenId) || !/^[A-Za-z0-9_-]{20,100}$/.test(secret)) {
    return undefined;
  }
  return { tenantId, tokenId, secret };
}
