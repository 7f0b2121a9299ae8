import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hashToken } from '@platform/auth';

/** A random token for the e-mail link; only its hash is stored. */
export function newVerificationToken(ttlHours: number): { token: string; hash: string; expiresAt: Date } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashToken(token), expiresAt: new Date(Date.now() + ttlHours * 3_600_000) };
}

export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
