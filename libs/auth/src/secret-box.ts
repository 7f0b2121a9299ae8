import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '@platform/service-kit';
import { devKeyPath, loadOrCreateDevSecret } from './dev-secret';

/** A secret sealed for its one consumer (AES-256-GCM); every field base64url. */
export interface SealedSecret {
  alg: 'A256GCM';
  iv: string;
  ciphertext: string;
  tag: string;
}

const IV_BYTES = 12; // 96 bits, the size GCM is specified for
const KEY_BYTES = 32;
const aadOf = (context: readonly string[]) => Buffer.from(context.join('\u0000'));

/** A 32-byte key from its base64 form (e.g. `openssl rand -base64 32`); throws when it is not one. */
export function parseSecretKey(base64: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== KEY_BYTES)
    throw new Error(`the key must be ${KEY_BYTES} bytes in base64, got ${key.length}`);
  return key;
}

/**
 * The key that seals secrets in events for notification-worker: the configured NOTIFICATION_SECRET_KEY,
 * or outside production a development key generated once in `.devstack/keys/notification-secret.key`,
 * which user-service and notification-worker of one checkout both read. (Services in separate
 * containers share no checkout: give them NOTIFICATION_SECRET_KEY.)
 */
export function notificationSecretKey(configured: string | undefined): Buffer {
  return parseSecretKey(
    configured ??
      loadOrCreateDevSecret(devKeyPath('notification-secret.key'), () =>
        randomBytes(KEY_BYTES).toString('base64'),
      ).value,
  );
}

/**
 * Encrypts `plaintext` with a fresh random IV. `context` (e.g. the event id and recipient) is
 * authenticated, not encrypted: the sealed value cannot be moved into another event or re-addressed.
 */
export function sealSecret(key: Buffer, plaintext: string, context: readonly string[]): SealedSecret {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aadOf(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    alg: 'A256GCM',
    iv: iv.toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

/** The plaintext of a sealed secret; a wrong key, context or any tampering is a non-retriable error. */
export function openSecret(key: Buffer, sealed: SealedSecret, context: readonly string[]): string {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'), {
      authTagLength: 16, // a truncated tag would be easier to forge
    });
    decipher.setAAD(aadOf(context));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch (cause) {
    // the same event will never decrypt: retrying cannot help, the consumer dead-letters it
    throw new AppError({
      code: 'SEALED_SECRET_INVALID',
      status: 400,
      message: 'A sealed secret could not be opened (wrong key, context or tampered)',
      cause,
    });
  }
}
