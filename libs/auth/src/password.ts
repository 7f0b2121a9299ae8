import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';

/** bcrypt (seed 003) with a per-hash salt; 12 rounds by default, lower only in tests via config. */
export function hashPassword(plain: string, rounds = 12): Promise<string> {
  return bcrypt.hash(plain, rounds);
}

/** Constant-time comparison of a password with its stored hash. */
export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

const dummies = new Map<number, Promise<string>>();

/**
 * A valid hash of a random password at the configured cost, compared against when the account does not
 * exist, so that a login takes as long for an unknown e-mail as for a wrong password (no user enumeration
 * by timing). Computed once per cost: call it at start so the first login does not pay for it.
 */
export function dummyPasswordHash(rounds: number): Promise<string> {
  let hash = dummies.get(rounds);
  if (!hash) dummies.set(rounds, (hash = bcrypt.hash(randomBytes(18).toString('base64'), rounds)));
  return hash;
}
