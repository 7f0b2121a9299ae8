import { createHash, randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const FORMAT = /^sk_(live|test)_[A-Za-z0-9]{32}$/;

export const isApiKey = (value: string): boolean => FORMAT.test(value);

/**
 * A key has 190 bits of randomness, so a fast hash is enough to store it (unlike a password, it
 * cannot be guessed from a dictionary). `prefix` is what lists show: `sk_live_` and six characters.
 */
export function generateApiKey(environment: 'live' | 'test'): { key: string; prefix: string; hash: string } {
  let secret = '';
  for (let i = 0; i < 32; i++) secret += ALPHABET[randomInt(ALPHABET.length)];
  const key = `sk_${environment}_${secret}`;
  return { key, prefix: key.slice(0, 14), hash: hashApiKey(key) };
}

/** SHA-256 of a high-entropy secret (API key, refresh or verification token), as stored. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const hashApiKey = hashToken;
