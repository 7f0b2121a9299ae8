import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS, type AuthResponse, type Role } from '@platform/contracts';
import { freePort, startService, type RunningService } from '@platform/devstack';
import { createTestDatabase, uniqueTopicPrefix } from '@platform/devstack/testing';
import { createLogger, createMetrics, runClosers, type Logger } from '@platform/service-kit';
import request from 'supertest';
import { compose } from '../src/compose';
import { loadOrderServiceConfig } from '../src/config';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const guest = (tenantId: string, sessionId = `s_${randomBytes(8).toString('hex')}`) => ({
  'x-tenant-id': tenantId,
  'x-session-id': sessionId,
});

/**
 * A real user-service (the built bundle, as its own process, on a database of its own) and order-service
 * composed as main.ts composes it, both on one topic prefix, order-service on a MongoDB database of its own.
 * Background work (outbox relay, consumers, sweepers) starts unless `startBackground: false`.
 */
export async function startOrderService(
  opts: { env?: Record<string, string>; startBackground?: boolean; logger?: Logger; mongoUrl?: string } = {},
) {
  const prefix = uniqueTopicPrefix();
  const users = await startUserServiceProcess(prefix);
  const mongoDb = `t_order_service_${randomBytes(4).toString('hex')}`;
  const mongoBase = opts.mongoUrl ?? process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
  const config = loadOrderServiceConfig({
    ...process.env,
    MONGO_URL: `${mongoBase}/${mongoDb}`,
    USER_SERVICE_URL: users.url,
    KAFKA_TOPIC_PREFIX: prefix,
    OUTBOX_POLL_MS: '50',
    ...opts.env,
  });
  const logger = opts.logger ?? createLogger('order-service', 'silent');
  const metrics = createMetrics('order-service', { defaults: false });
  const svc = await compose({ config, logger, metrics }, { startBackground: opts.startBackground ?? true });
  await svc.redisConnected;
  const { app } = svc;

  /** A new shop: a new tenant with its admin, signed in (user-service `POST /api/v1/auth/register`). */
  const newShop = async () => {
    const tag = randomUUID().slice(0, 8);
    const res = await request(users.url)
      .post('/api/v1/auth/register')
      .send({ email: `a-${tag}@example.com`, password: `pw-${tag}-secret`, nickname: `admin_${tag}` })
      .expect(201);
    const admin = res.body as AuthResponse;
    return { admin, tenantId: admin.user.tenant_id, token: admin.access_token };
  };

  /** A user with `role` in the shop of `admin`, signed in (with a guest `session_id` when given). */
  const addMember = async (admin: AuthResponse, role: Role = 'viewer', sessionId?: string) => {
    const tag = randomUUID().slice(0, 8);
    const body = {
      email: `m-${tag}@example.com`,
      username: `member_${tag}`,
      password: `pw-${tag}-secret`,
      role,
    };
    await request(users.url).post('/api/users').set(bearer(admin.access_token)).send(body).expect(201);
    const res = await request(users.url)
      .post('/api/v1/auth/login')
      .send({ email: body.email, password: body.password, ...(sessionId ? { session_id: sessionId } : {}) })
      .expect(200);
    const member = res.body as AuthResponse;
    return { ...member, token: member.access_token, userId: member.user.id, password: body.password };
  };

  /** An API key of the shop of `admin` (shown once by user-service). */
  const apiKey = async (admin: AuthResponse, permissions: string[] = ['read']) => {
    const res = await request(users.url)
      .post('/api/v1/api-keys')
      .set(bearer(admin.access_token))
      .send({ name: `k-${randomUUID().slice(0, 8)}`, permissions })
      .expect(201);
    return (res.body as { key: string }).key;
  };

  return {
    app,
    svc,
    config,
    metrics,
    users,
    prefix,
    topics: {
      items: `${prefix}${TOPICS.itemEvents}`,
      orders: `${prefix}${TOPICS.orderEvents}`,
      users: `${prefix}${TOPICS.userEvents}`,
      payments: `${prefix}${TOPICS.paymentEvents}`,
    },
    /** order-service's database, natively (for asserting what is stored). */
    db: svc.mongo.db!,
    newShop,
    addMember,
    apiKey,
    async stop() {
      await svc.mongo.db?.dropDatabase().catch(() => undefined);
      await runClosers(svc.closers, logger);
      svc.redis.disconnect(); // quit fails while a test keeps Redis down: stop reconnecting all the same
      await users.stop();
    },
  };
}
export type OrderService = Awaited<ReturnType<typeof startOrderService>>;

/** user-service as a process (dist/apps/user-service, built by the test target's dependsOn), with its own database. */
async function startUserServiceProcess(prefix: string) {
  const db = await createTestDatabase('user_service');
  let svc: RunningService;
  try {
    svc = await startService('user-service', {
      port: await freePort(),
      instance: `order-test-${prefix.slice(0, -1)}`,
      env: {
        DATABASE_URL: db.url,
        KAFKA_TOPIC_PREFIX: prefix,
        BCRYPT_ROUNDS: '10',
        OUTBOX_POLL_MS: '50',
        LOG_LEVEL: 'warn',
        LOGIN_THROTTLE_KEY_PREFIX: `${prefix}login_fail`,
      },
    });
  } catch (err) {
    await db.drop();
    throw err;
  }
  return {
    url: svc.url,
    process: svc,
    async stop() {
      await svc.stop();
      await db.drop();
    },
  };
}
