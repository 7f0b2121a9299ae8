import { randomUUID } from 'node:crypto';
import { TOPICS, type AuthResponse } from '@platform/contracts';
import { createTestDatabase, uniqueTopicPrefix } from '@platform/devstack/testing';
import { notificationSecretKey, openSecret, type SealedSecret } from '@platform/auth';
import { createLogger, createMetrics, runClosers, type Logger } from '@platform/service-kit';
import request from 'supertest';
import { compose } from '../src/compose';
import { loadUserServiceConfig } from '../src/config';

/** user-service composed as main.ts composes it (the relay left to the test to start), on a database, Redis key space and topic prefix of its own. */
export async function startUserService(
  opts: { databaseUrl?: string; redisUrl?: string; env?: Record<string, string>; logger?: Logger } = {},
) {
  const db = opts.databaseUrl ? undefined : await createTestDatabase('user_service');
  const databaseUrl = opts.databaseUrl ?? (db?.url as string);
  const prefix = uniqueTopicPrefix();
  const config = loadUserServiceConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
    KAFKA_TOPIC_PREFIX: prefix,
    BCRYPT_ROUNDS: '10',
    OUTBOX_POLL_MS: '50',
    LOGIN_THROTTLE_KEY_PREFIX: `${prefix}login_fail`,
    ...opts.env,
  });
  const logger = opts.logger ?? createLogger('user-service', 'silent');
  const metrics = createMetrics('user-service', { defaults: false });
  const svc = await compose({ config, logger, metrics }, { startRelay: false });
  await svc.redisConnected;
  const { app, pool, redis, relay, keys } = svc;

  /** Registers a new account (a new tenant, as its admin) and returns its tokens. */
  const register = async (
    over: Record<string, unknown> = {},
  ): Promise<AuthResponse & { password: string }> => {
    const tag = randomUUID().slice(0, 8);
    const body = {
      email: `u-${tag}@example.com`,
      password: `pw-${tag}-secret`,
      nickname: `user_${tag}`,
      ...over,
    };
    const res = await request(app).post('/api/v1/auth/register').send(body).expect(201);
    return { ...(res.body as AuthResponse), password: body.password as string };
  };

  /** Adds a user with `role` to the tenant of `admin`, and logs them in. */
  const addMember = async (admin: AuthResponse, role: 'admin' | 'developer' | 'viewer') => {
    const tag = randomUUID().slice(0, 8);
    const body = {
      email: `m-${tag}@example.com`,
      username: `member_${tag}`,
      password: `pw-${tag}-secret`,
      role,
    };
    await request(app).post('/api/users').set(bearer(admin.access_token)).send(body).expect(201);
    const res = await request(app)
      .post('/api/v1/auth/login')
      .send({ email: body.email, password: body.password })
      .expect(200);
    return res.body as AuthResponse;
  };

  /** The verification token and link of a user's NotificationRequested, opened as notification-worker would. */
  const verificationSecret = async (userId: string): Promise<{ token: string; link: string }> => {
    const { rows } = await pool.query(
      "SELECT payload FROM outbox WHERE payload->>'event_type' = 'NotificationRequested' AND message_key = $1",
      [userId],
    );
    const event = rows[0].payload as { event_id: string; data: { to: string; sealed: SealedSecret } };
    const key = notificationSecretKey(config.NOTIFICATION_SECRET_KEY);
    return JSON.parse(openSecret(key, event.data.sealed, [event.event_id, event.data.to]));
  };

  return {
    app,
    pool,
    redis,
    relay,
    config,
    keys,
    register,
    addMember,
    verificationSecret,
    topic: `${prefix}${TOPICS.userEvents}`,
    notificationsTopic: `${prefix}${TOPICS.notifications}`,
    metrics,
    async stop() {
      await runClosers(svc.closers, logger);
      redis.disconnect(); // quit fails while a test keeps Redis down: stop reconnecting all the same
      await db?.drop();
    },
  };
}
export type UserService = Awaited<ReturnType<typeof startUserService>>;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
