import { createLogger, createMetrics, createService, Errors } from '@platform/service-kit';
import { Router } from 'express';
import request from 'supertest';
import {
  allowServices,
  authenticate,
  createServiceTokens,
  isServiceTokenShaped,
  principalOf,
  requireService,
} from './index';

const SECRET = 'a-test-secret-of-at-least-32-bytes!!';

describe('service tokens', () => {
  it('name the caller (sub) and the target (aud), and the cache keeps one per pair', () => {
    const tokens = createServiceTokens(SECRET);
    const toUsers = tokens.token('payment-service', 'user-service');
    const toOrders = tokens.token('payment-service', 'order-service');
    const fromOther = tokens.token('data-pipeline', 'user-service');
    expect(new Set([toUsers, toOrders, fromOther]).size).toBe(3);
    expect(tokens.token('payment-service', 'user-service')).toBe(toUsers);
    expect(tokens.verify(toOrders, 'order-service')).toBe('payment-service');
    expect(tokens.verify(fromOther, 'user-service')).toBe('data-pipeline');
  });

  it('are refused by another audience, another secret, or once expired', () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const tokens = createServiceTokens(SECRET, { now: () => t });
    const token = tokens.token('order-service', 'payment-service', 120);
    expect(() => tokens.verify(token, 'user-service')).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => createServiceTokens('b'.repeat(32)).verify(token, 'payment-service')).toThrow(
      expect.objectContaining({ status: 401 }),
    );
    t += 119_000;
    expect(tokens.verify(token, 'payment-service')).toBe('order-service');
    t += 2_000;
    expect(() => tokens.verify(token, 'payment-service')).toThrow(
      expect.objectContaining({ message: 'Invalid service token' }),
    );
    // and the cache does not hand out a token that is about to expire
    expect(tokens.token('order-service', 'payment-service', 120)).not.toBe(token);
  });
});

describe('requireService', () => {
  const tokens = createServiceTokens(SECRET);
  const routes = Router();
  routes.post(
    '/internal/thing',
    requireService(tokens, { audience: 'user-service', callers: ['order-service', 'data-pipeline'] }),
    (_req, res) => void res.json({ ok: true }),
  );
  const { app } = createService({
    name: 'user-service',
    version: 't',
    logger: createLogger('t', 'silent'),
    metrics: createMetrics('t', { defaults: false }),
    checks: [],
    routes: [routes],
  });
  const call = (token?: string) =>
    request(app)
      .post('/internal/thing')
      .set(token ? { authorization: `Bearer ${token}` } : {});

  it('lets a listed caller through with a token for this service', async () => {
    await call(tokens.token('data-pipeline', 'user-service')).expect(200);
  });

  it('answers 401 without a token or with a token for another service', async () => {
    expect((await call()).status).toBe(401);
    const res = await call(tokens.token('order-service', 'payment-service'));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTHENTICATION_FAILED');
  });

  it('answers 403 FORBIDDEN to a caller the route does not list', async () => {
    const res = await call(tokens.token('ml-engine', 'user-service'));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('authenticate with serviceTokens, and allowServices', () => {
  const tokens = createServiceTokens(SECRET);
  const routes = Router();
  routes.use(
    authenticate({
      verifyAccessToken: () => Promise.reject(Errors.unauthenticated('not an access token here')),
      serviceTokens: { tokens, audience: 'order-service' },
    }),
  );
  // a route users and payment-service call
  routes.put('/api/orders/x/status', allowServices(['payment-service']), (_req, res) => {
    res.json({ who: principalOf(res) ?? null });
  });
  const { app } = createService({
    name: 'order-service',
    version: 't',
    logger: createLogger('t', 'silent'),
    metrics: createMetrics('t', { defaults: false }),
    checks: [],
    routes: [routes],
  });
  const call = (token: string) =>
    request(app)
      .put('/api/orders/x/status')
      .set({ authorization: `Bearer ${token}` });

  it('makes a valid service token for this service a service principal, and lets a listed caller through', async () => {
    const res = await call(tokens.token('payment-service', 'order-service')).expect(200);
    expect(res.body.who).toEqual({ kind: 'service', service: 'payment-service' });
  });

  it('answers 403 to a service the route does not list, and 401 to a token for another service or forged', async () => {
    expect((await call(tokens.token('ml-engine', 'order-service'))).status).toBe(403);
    expect((await call(tokens.token('payment-service', 'user-service'))).status).toBe(401);
    const forged = createServiceTokens('c'.repeat(32)).token('payment-service', 'order-service');
    expect((await call(forged)).status).toBe(401);
  });

  it('tells service tokens from access tokens and API keys by their header only', () => {
    expect(isServiceTokenShaped(tokens.token('a', 'b'))).toBe(true);
    expect(isServiceTokenShaped('sk_live_abc')).toBe(false);
    expect(isServiceTokenShaped('eyJhbGciOiJSUzI1NiJ9.e30.sig')).toBe(false); // {"alg":"RS256"}
    expect(isServiceTokenShaped('not.a.jwt')).toBe(false);
  });
});
