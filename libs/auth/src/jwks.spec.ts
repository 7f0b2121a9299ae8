import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '@platform/service-kit';
import winston from 'winston';
import { jwksKeyLookup, jwkThumbprint, kidOf, publicJwk } from './index';

const publicPem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();

/** A real JWKS endpoint whose keys and health the test switches. */
function jwksServer() {
  const state = { keys: [] as string[], failing: false, requests: 0 };
  let server: Server;
  return {
    state,
    start: () =>
      new Promise<string>((resolve) => {
        server = createServer((_req, res) => {
          state.requests++;
          if (state.failing) return void res.writeHead(503).end();
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ keys: state.keys.map((pem) => publicJwk(pem)) }));
        }).listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`),
        );
      }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A logger whose lines the test reads (a winston stream transport). */
function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger('test', 'debug');
  logger.clear().add(
    new winston.transports.Stream({
      stream: new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) }),
    }),
  );
  return { logger, lines };
}

describe('RFC 7638 thumbprint kid', () => {
  it('matches the example of RFC 7638 §3.1', () => {
    const n =
      '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw';
    expect(jwkThumbprint({ n, e: 'AQAB' })).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it('is the kid a JWKS entry gets, and differs per key', () => {
    const [a, b] = [publicPem(), publicPem()];
    expect(publicJwk(a).kid).toBe(kidOf(a));
    expect(kidOf(a)).not.toBe(kidOf(b));
  });
});

describe('jwksKeyLookup', () => {
  const jwks = jwksServer();
  let url: string;
  let t: number;
  const clock = () => t;
  beforeAll(async () => void (url = await jwks.start()));
  afterAll(() => jwks.stop());
  beforeEach(() => {
    t = 1_000_000;
    jwks.state.failing = false;
    jwks.state.requests = 0;
  });

  it('keeps verifying with the cached keys when a refresh fails, and warns', async () => {
    const key = publicPem();
    jwks.state.keys = [key];
    const { logger, lines } = capturedLogger();
    const lookup = jwksKeyLookup(url, { logger, ttlMs: 60_000, minRefetchMs: 5_000, now: clock });
    await expect(lookup(kidOf(key))).resolves.toBe(key);
    expect(jwks.state.requests).toBe(1);

    jwks.state.failing = true;
    t += 61_000; // the cache is stale: the lookup tries to refresh, and the server fails
    await expect(lookup(kidOf(key))).resolves.toBe(key);
    expect(jwks.state.requests).toBe(2);
    expect(lines.join('')).toContain('JWKS refresh failed; verifying with the cached keys');
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'WARN' });

    // a failed refresh is not retried on every request
    await lookup(kidOf(key));
    expect(jwks.state.requests).toBe(2);
    t += 5_000;
    jwks.state.failing = false;
    await expect(lookup(kidOf(key))).resolves.toBe(key);
    expect(jwks.state.requests).toBe(3);
  });

  it('refetches for an unknown kid at most once per interval (a rotated key appears)', async () => {
    const [old, rotated] = [publicPem(), publicPem()];
    jwks.state.keys = [old];
    const { logger } = capturedLogger();
    const lookup = jwksKeyLookup(url, { logger, ttlMs: 600_000, minRefetchMs: 30_000, now: clock });
    await lookup(kidOf(old));
    expect(jwks.state.requests).toBe(1);

    // forged kids within the interval cost nothing
    t += 30_000;
    await expect(
      Promise.all(['forged-1', 'forged-2', 'forged-3'].map((kid) => lookup(kid))),
    ).resolves.toEqual([undefined, undefined, undefined]);
    expect(jwks.state.requests).toBe(2);
    t += 29_999;
    await expect(lookup('forged-4')).resolves.toBeUndefined();
    expect(jwks.state.requests).toBe(2);

    jwks.state.keys = [rotated, old];
    t += 1;
    await expect(lookup(kidOf(rotated))).resolves.toBe(rotated);
    expect(jwks.state.requests).toBe(3);
    await expect(lookup(kidOf(old))).resolves.toBe(old);
    expect(jwks.state.requests).toBe(3);
  });

  it('refuses with 503 (not 401) and logs an error once the cached keys are older than maxStaleMs', async () => {
    const key = publicPem();
    jwks.state.keys = [key];
    const { logger, lines } = capturedLogger();
    const opts = { logger, ttlMs: 60_000, minRefetchMs: 5_000, maxStaleMs: 3_600_000, now: clock };
    const lookup = jwksKeyLookup(url, opts);
    await expect(lookup(kidOf(key))).resolves.toBe(key); // fetched at t0
    const t0 = t;

    jwks.state.failing = true;
    t = t0 + 3_600_000; // every refresh since has failed; the keys are exactly as old as allowed
    await expect(lookup(kidOf(key))).resolves.toBe(key);
    expect(lines.some((l) => JSON.parse(l).level === 'ERROR')).toBe(false);

    t += 1; // one ms older than allowed: refused whatever the kid, as unavailable, not as a bad token
    await expect(lookup(kidOf(key))).rejects.toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    t += 5_000;
    await expect(lookup(kidOf(key))).rejects.toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 'ERROR');
    expect(errors).toHaveLength(1); // once per outage, not once per request
    expect(errors[0].message).toContain('older than the maximum staleness');

    // the issuer answers again: the next refresh brings fresh keys and tokens verify
    jwks.state.failing = false;
    t += 5_000;
    await expect(lookup(kidOf(key))).resolves.toBe(key);
  });

  it('answers 503 (not 401) while it has never had keys', async () => {
    jwks.state.failing = true;
    const { logger } = capturedLogger();
    const lookup = jwksKeyLookup(url, { logger, now: clock });
    await expect(lookup('any')).rejects.toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });
});
