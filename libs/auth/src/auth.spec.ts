import { createHmac, createSecretKey, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createSigner, createVerifier, dummyPasswordHash, hashPassword, verifyPassword } from './index';

const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

/** A JWT assembled by hand, so the test can produce what no honest library would sign. */
const handMade = (header: object, payload: object, sign: (input: string) => string) => {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${sign(input)}`;
};

describe('passwords', () => {
  it('hashes with bcrypt and a salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse', 10);
    const b = await hashPassword('correct horse', 10);
    expect(a).toMatch(/^\$2[aby]\$10\$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword('correct horse', a)).resolves.toBe(true);
    await expect(verifyPassword('wrong horse', a)).resolves.toBe(false);
  });

  it('has a dummy hash at the configured cost (an unknown e-mail costs what a wrong password costs)', async () => {
    const dummy = await dummyPasswordHash(10);
    expect(dummy).toMatch(/^\$2b\$10\$.{53}$/);
    await expect(verifyPassword('anything', dummy)).resolves.toBe(false);
    expect(await dummyPasswordHash(11)).toMatch(/^\$2b\$11\$/);
    // computed once per cost
    expect(dummyPasswordHash(10)).toBe(dummyPasswordHash(10));
  });
});

describe('JWT RS256 with kid', () => {
  const current = keyPair();
  const other = keyPair();
  const keys: Record<string, string> = { k1: current.publicKey };
  const opts = { issuer: 'user-service', audience: 'platform' };
  const verify = createVerifier((kid) => keys[kid], opts);
  const signer = createSigner({ kid: 'k1', privateKey: current.privateKey }, { ...opts, ttlSeconds: 900 });
  const now = Math.floor(Date.now() / 1000);

  it('round-trips the claims, with aud and exp', async () => {
    const token = signer.sign({ sub: 'u1', tenant_id: 't1', role: 'admin', typ: 'access' });
    const decoded = jwt.decode(token, { complete: true });
    expect(decoded?.header).toMatchObject({ alg: 'RS256', kid: 'k1' });
    expect(decoded?.payload).toMatchObject({ aud: 'platform', iss: 'user-service' });
    await expect(verify(token)).resolves.toEqual({
      sub: 'u1',
      tenant_id: 't1',
      role: 'admin',
      typ: 'access',
    });
  });

  it('expires by the clocks it is given, without waiting', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const clock = () => t;
    const signed = createSigner(
      { kid: 'k1', privateKey: current.privateKey },
      { ...opts, ttlSeconds: 900, now: clock },
    ).sign({ sub: 'u1', typ: 'access' });
    const verifyAt = createVerifier((kid) => keys[kid], { ...opts, now: clock });
    t += 899_000;
    await expect(verifyAt(signed)).resolves.toMatchObject({ sub: 'u1' });
    t += 2_000;
    await expect(verifyAt(signed)).rejects.toMatchObject({
      code: 'AUTHENTICATION_FAILED',
      message: 'Token expired',
    });
    // and the real clock finds a token signed at that past time expired
    await expect(verify(signed)).rejects.toMatchObject({ message: 'Token expired' });
  });

  it('refuses a token without exp', async () => {
    const forever = jwt.sign({ typ: 'access' }, current.privateKey, {
      algorithm: 'RS256',
      keyid: 'k1',
      issuer: 'user-service',
      audience: 'platform',
      subject: 'u1',
    });
    expect(jwt.decode(forever)).not.toHaveProperty('exp');
    await expect(verify(forever)).rejects.toMatchObject({ status: 401, message: 'Token has no expiry' });
  });

  it('refuses a token for another audience, or with none', async () => {
    for (const audience of ['payments-only', undefined]) {
      const token = jwt.sign({ typ: 'access' }, current.privateKey, {
        algorithm: 'RS256',
        keyid: 'k1',
        issuer: 'user-service',
        subject: 'u1',
        expiresIn: 60,
        ...(audience ? { audience } : {}),
      });
      await expect(verify(token)).rejects.toMatchObject({ status: 401, message: 'Invalid token' });
    }
  });

  it('refuses a token signed by an unknown key, or by another key under a known kid', async () => {
    const unknown = createSigner({ kid: 'k9', privateKey: other.privateKey }, { ...opts, ttlSeconds: 60 });
    await expect(verify(unknown.sign({ sub: 'u1', typ: 'access' }))).rejects.toMatchObject({ status: 401 });
    const forged = createSigner({ kid: 'k1', privateKey: other.privateKey }, { ...opts, ttlSeconds: 60 });
    await expect(verify(forged.sign({ sub: 'u1', typ: 'access' }))).rejects.toMatchObject({
      message: 'Invalid token',
    });
  });

  const claims = { typ: 'access', sub: 'u1', iss: 'user-service', aud: 'platform', iat: now, exp: now + 600 };

  it('refuses HS256 keyed with the public key PEM (algorithm confusion)', async () => {
    const confused = handMade({ alg: 'HS256', typ: 'JWT', kid: 'k1' }, claims, (input) =>
      createHmac('sha256', current.publicKey).update(input).digest('base64url'),
    );
    // the token is genuinely valid HS256 for that secret: a verifier trusting the header would accept it
    expect(
      jwt.verify(confused, createSecretKey(Buffer.from(current.publicKey)), { algorithms: ['HS256'] }),
    ).toMatchObject({
      sub: 'u1',
    });
    await expect(verify(confused)).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED', status: 401 });
  });

  it('refuses alg none', async () => {
    const unsigned = handMade({ alg: 'none', typ: 'JWT', kid: 'k1' }, claims, () => '');
    expect(jwt.decode(unsigned)).toMatchObject({ sub: 'u1' });
    await expect(verify(unsigned)).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED', status: 401 });
  });

  it('refuses a token from another issuer', async () => {
    const foreign = createSigner(
      { kid: 'k1', privateKey: current.privateKey },
      { issuer: 'evil', audience: 'platform', ttlSeconds: 60 },
    );
    await expect(verify(foreign.sign({ sub: 'u1', typ: 'access' }))).rejects.toMatchObject({ status: 401 });
  });
});
