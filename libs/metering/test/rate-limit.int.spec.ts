import { eventually, startPrivateServer, type PrivateServer } from '@platform/devstack/testing';
import { createLogger, createMetrics, createRedis, createService, Errors } from '@platform/service-kit';
import { Router } from 'express';
import type Redis from 'ioredis';
import request from 'supertest';
import { rateLimit } from '../src';

const LIMIT = 3;

/** The limiter against a Redis of its own, which the test stops: the outage behaviour. */
describe('rateLimit', () => {
  let server: PrivateServer<'redis'>;
  let redis: Redis;
  beforeAll(async () => {
    server = await startPrivateServer('redis');
    redis = createRedis(server.url());
    await redis.connect();
  });
  // back up first, so the client closes its connection cleanly instead of timing out a dead one
  afterAll(async () => {
    if (redis?.status !== 'ready') await server?.restart();
    await eventually(() => redis?.status === 'ready', { what: 'the client to reconnect' });
    await redis?.quit();
    await server?.dispose();
  });

  const app = () => {
    const logger = createLogger('metering-test', 'silent');
    const limited = Router().use(
      rateLimit({
        redis,
        perMinute: LIMIT,
        keyPrefix: `rl-test-${Date.now()}`,
        tenantOf: (req) => req.get('x-tenant') ?? undefined,
        limited: (limit, retryAfter) =>
          Errors.rateLimited('slow down', { limit, retry_after_seconds: retryAfter }),
        logger,
        exempt: ['/health-like'],
      }),
    );
    limited.get('/thing', (_req, res) => void res.json({ ok: true }));
    limited.get('/health-like', (_req, res) => void res.json({ ok: true }));
    const metrics = createMetrics('metering-test', { defaults: false });
    return createService({
      name: 'metering-test',
      version: '0',
      logger,
      metrics,
      checks: [],
      routes: [limited],
    }).app;
  };

  it('limits each tenant in Redis, and keeps limiting per process from memory while Redis is down', async () => {
    const a = app();
    for (let i = 1; i <= LIMIT; i++) {
      const res = await request(a).get('/thing').set('x-tenant', 't1').expect(200);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(LIMIT - i));
    }
    const refused = await request(a).get('/thing').set('x-tenant', 't1').expect(429);
    expect(refused.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await redis.keys('rl-test-*')).toHaveLength(1);
    // no tenant, or an exempt path: untouched
    expect((await request(a).get('/thing').expect(200)).headers['x-ratelimit-limit']).toBeUndefined();
    await request(a).get('/health-like').set('x-tenant', 't1').expect(200);

    // Redis away: fail open to the in-memory budget (calls still answered, still limited per process)
    await server.stop();
    for (let i = 1; i <= LIMIT; i++) {
      const res = await request(a).get('/thing').set('x-tenant', 't2').expect(200);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(LIMIT - i));
    }
    expect((await request(a).get('/thing').set('x-tenant', 't2').expect(429)).body.error.code).toBe(
      'RATE_LIMIT_EXCEEDED',
    );
  });
});
