import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: the only place the token exists is the user's cookie. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Sessions are stored under the SHA-256 of the token (hex), never the token itself. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cookie values outside this shape are not ours; they are ignored without a database lookup. */
export function isWellFormedToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
