import bcrypt from 'bcryptjs';

/** bcrypt (seed 003) with a per-hash salt; 12 rounds by default, lower only in tests via config. */
export function hashPassword(plain: string, rounds = 12): Promise<string> {
  return bcrypt.hash(plain, rounds);
}

/** Constant-time comparison of a password with its stored hash. */
export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

/**
 * A valid hash of a random password, compared against when the account does not exist, so that a
 * login takes as long for an unknown e-mail as for a wrong password (no user enumeration by timing).
 */
export const DUMMY_HASH = '$2b$12$nqBIpjFLGoxvqry.sbJP4OseEyure4504fO45jAMdETQHSMO3Nky.';
