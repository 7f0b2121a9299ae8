import { randomBytes } from 'node:crypto';
import { openSecret, parseSecretKey, sealSecret } from './index';

describe('sealed secrets (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const context = ['0b7e6f9e-2a8a-4a63-9d3c-3f3f1b6f0c11', 'ann@example.com'];

  it('round-trip, and never show the plaintext; a fresh IV each time', () => {
    const a = sealSecret(key, 'the-token', context);
    const b = sealSecret(key, 'the-token', context);
    expect(JSON.stringify(a)).not.toContain('the-token');
    expect(Buffer.from(a.iv, 'base64url')).toHaveLength(12);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(openSecret(key, a, context)).toBe('the-token');
  });

  it('refuse another key, another context or a tampered value (non-retriable)', () => {
    const sealed = sealSecret(key, 'the-token', context);
    const flip = (s: string) => {
      const buf = Buffer.from(s, 'base64url');
      buf[0] ^= 1;
      return buf.toString('base64url');
    };
    const attempts = [
      () => openSecret(randomBytes(32), sealed, context),
      () => openSecret(key, sealed, [context[0], 'mallory@example.com']),
      () => openSecret(key, { ...sealed, ciphertext: flip(sealed.ciphertext) }, context),
      () => openSecret(key, { ...sealed, tag: flip(sealed.tag) }, context),
      () => openSecret(key, { ...sealed, tag: sealed.tag.slice(0, 6) }, context),
    ];
    for (const attempt of attempts)
      expect(attempt).toThrow(expect.objectContaining({ code: 'SEALED_SECRET_INVALID', retriable: false }));
  });

  it('take a 32-byte base64 key and nothing else', () => {
    expect(parseSecretKey(randomBytes(32).toString('base64'))).toHaveLength(32);
    expect(() => parseSecretKey(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
