import { ErrorEnvelopeSchema } from '@platform/contracts';
import { eventually, startPrivateServer, type PrivateServer } from '@platform/devstack/testing';
import { Router } from 'express';
import type Redis from 'ioredis';
import request from 'supertest';
import { createLogger } from '../src/observability/logger';
import { createMetrics } from '../src/observability/metrics';
import { createRedis } from '../src/redis';
import { createService } from '../src/service';

/**
 * Where Redis is the database (payment-service), a command that fails because Redis is stopped or
 * restarting must answer 503 SERVICE_UNAVAILABLE, retriable, never a 500: each case makes createRedis'
 * client fail the way an outage does and sends that error to the error handler untranslated.
 */
describe('a Redis outage reaching the error handler untranslated', () => {
  let server: PrivateServer<'redis'>;
  let redis: Redis;

  beforeAll(async () => {
    server = await startPrivateServer('redis');
    redis = createRedis(server.url());
    await redis.connect();
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await server?.dispose();
  });

  /** What a client gets when `run` throws the driver's error in a route, and that error's text. */
  const answerOf = async (run: () => Promise<unknown>) => {
    let raw = '';
    const route = Router().get('/q', async (_req, res) => {
      await run().catch((err: unknown) => {
        raw = `${(err as Error).name}: ${(err as Error).message}`;
        throw err;
      });
      res.status(204).end();
    });
    const { app } = createService({
      name: 'test',
      version: '1',
      logger: createLogger('test', 'silent'),
      metrics: createMetrics('test', { defaults: false }),
      checks: [],
      routes: [route],
    });
    const res = await request(app).get('/q');
    return { status: res.status, error: ErrorEnvelopeSchema.parse(res.body).error, raw };
  };
  const expectUnavailable = (answer: Awaited<ReturnType<typeof answerOf>>, driverText: RegExp) => {
    const { status, error, raw } = answer;
    expect(raw).toMatch(driverText);
    expect([status, error.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(error.message).not.toMatch(/Stream|enableOfflineQueue|closed|127\.0\.0\.1/i);
  };

  it('a command in flight when Redis stops, then commands while it is away', async () => {
    const watcher = createRedis(server.url());
    await watcher.connect();
    const answer = answerOf(() => redis.blpop(`never-${Date.now()}`, 30));
    await eventually(async () => /blocked_clients:1/.test(await watcher.info('clients')));
    watcher.disconnect();
    await server.stop();
    expectUnavailable(await answer, /Connection is closed|MaxRetriesPerRequest|aborted/);
    // no offline queue: refused at once while the client reconnects
    await eventually(() => redis.status !== 'ready');
    expectUnavailable(await answerOf(() => redis.get('any')), /Stream isn't writeable/);
    expectUnavailable(await answerOf(() => redis.multi().incr('n').exec()), /Stream isn't writeable/);
    await server.restart();
    await eventually(() => redis.status === 'ready');
    await expect(redis.get('any')).resolves.toBeNull();
  });
});
