import { eventually, startPrivateServer, type PrivateServer } from '@platform/devstack/testing';
import type Redis from 'ioredis';
import { createRedis } from '../src/redis';
import { answerOf, expectUnavailable } from './untranslated-answer';

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

  /** The driver's own words, which must not reach the client. */
  const internals = /Stream|enableOfflineQueue|closed|127\.0\.0\.1/i;

  it('a command in flight when Redis stops, then commands while it is away', async () => {
    const watcher = createRedis(server.url());
    await watcher.connect();
    const answer = answerOf(() => redis.blpop(`never-${Date.now()}`, 30));
    await eventually(async () => /blocked_clients:1/.test(await watcher.info('clients')));
    watcher.disconnect();
    await server.stop();
    expectUnavailable(await answer, /Connection is closed|MaxRetriesPerRequest|aborted/, internals);
    // no offline queue: refused at once while the client reconnects
    await eventually(() => redis.status !== 'ready');
    expectUnavailable(await answerOf(() => redis.get('any')), /Stream isn't writeable/, internals);
    expectUnavailable(
      await answerOf(() => redis.multi().incr('n').exec()),
      /Stream isn't writeable/,
      internals,
    );
    await server.restart();
    await eventually(() => redis.status === 'ready');
    await expect(redis.get('any')).resolves.toBeNull();
  });
});
