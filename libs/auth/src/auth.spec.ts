import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createSigner, createVerifier, DUMMY_HASH, hashPassword, verifyPassword } from './index';

const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

describe('passwords', () => {
  it('hashes with bcrypt and a salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse', 10);
    const b = await hashPassword('correct horse', 10);
    expect(a).toMatch(/^\$2[aby]\$10\$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword('correct horse', a)).resolves.toBe(true);
    await expect(verifyPassword('wrong horse', a)).resolves.toBe(false);
  });

  it('has a dummy hash that is a real bcrypt hash (for constant-time unknown-user logins)', async () => {
    await expect(verifyPassword('anything', DUMMY_HASH)).resolves.toBe(false);
    expect(DUMMY_HASH).toMatch(/^\$2b\$12\$.{53}$/);
  });
});

describe('JWT RS256 with kid', () => {
  const current = keyPair();
  const other = keyPair();
  const keys: Record<string, string> = { k1: current.publicKey };
  const verify = createVerifier((kid) => keys[kid], { issuer: 'user-service' });
  const signer = createSigner(
    { kid: 'k1', privateKey: current.privateKey },
    { issuer: 'user-service', ttlSeconds: 900 },
  );

  it('round-trips the claims', async () => {
    const token = signer.sign({ sub: 'u1', tenant_id: 't1', role: 'admin', typ: 'access' });
    expect(jwt.decode(token, { complete: true })?.header).toMatchObject({ alg: 'RS256', kid: 'k1' });
    await expect(verify(token)).resolves.toEqual({
      sub: 'u1',
      tenant_id: 't1',
      role: 'admin',
      typ: 'access',
    });
  });

  it('refuses an expired token', async () => {
    const expired = jwt.sign({ typ: 'access', exp: Math.floor(Date.now() / 1000) - 10 }, current.privateKey, {
      algorithm: 'RS256',
      keyid: 'k1',
      issuer: 'user-service',
      subject: 'u1',
    });
    await expect(verify(expired)).rejects.toMatchObject({
      code: 'AUTHENTICATION_FAILED',
      message: 'Token expired',
    });
  });

  it('refuses a token signed by an unknown key, or by another key under a known kid', async () => {
    const unknown = createSigner(
      { kid: 'k9', privateKey: other.privateKey },
      { issuer: 'user-service', ttlSeconds: 60 },
    );
    await expect(verify(unknown.sign({ sub: 'u1', typ: 'access' }))).rejects.toMatchObject({ status: 401 });
    const forged = createSigner(
      { kid: 'k1', privateKey: other.privateKey },
      { issuer: 'user-service', ttlSeconds: 60 },
    );
    await expect(verify(forged.sign({ sub: 'u1', typ: 'access' }))).rejects.toMatchObject({
      message: 'Invalid token',
    });
  });

  it('refuses HS256 tokens keyed with the public key (algorithm confusion)', async () => {
    const hs = jwt.sign({ typ: 'access' }, 'not-the-key', {
      algorithm: 'HS256',
      keyid: 'k1',
      issuer: 'user-service',
      subject: 'u1',
    });
    await expect(verify(hs)).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
  });

  it('refuses a token from another issuer', async () => {
    const foreign = createSigner(
      { kid: 'k1', privateKey: current.privateKey },
      { issuer: 'evil', ttlSeconds: 60 },
    );
    await expect(verify(foreign.sign({ sub: 'u1', typ: 'access' }))).rejects.toMatchObject({ status: 401 });
  });
});
