import { randomBytes, randomUUID } from 'node:crypto';
import { type AuthResponse, type Role } from '@platform/contracts';
import request from 'supertest';
import { freePort } from '../ports';
import { startService, type RunningService } from '../services';
import { createTestDatabase } from './databases';
import { rememberSecret } from './secrets';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * user-service as a process (dist/apps/user-service, built by the test target's dependsOn), on a
 * PostgreSQL database of its own and the caller's topic prefix.
 */
export async function startUserServiceProcess(prefix: string, env: Record<string, string> = {}) {
  const db = await createTestDatabase('user_service');
  let svc: RunningService;
  try {
    svc = await startService('user-service', {
      port: await freePort(),
      instance: `test-${prefix.slice(0, -1)}`,
      env: {
        DATABASE_URL: db.url,
        KAFKA_TOPIC_PREFIX: prefix,
        BCRYPT_ROUNDS: '10',
        OUTBOX_POLL_MS: '50',
        LOG_LEVEL: 'warn',
        LOGIN_THROTTLE_KEY_PREFIX: `${prefix}login_fail`,
        ...env,
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
export type UserServiceProcess = Awaited<ReturnType<typeof startUserServiceProcess>>;

/**
 * order-service as a process (dist/apps/order-service), on a MongoDB database of its own, calling
 * `usersUrl`, on the caller's topic prefix.
 */
export async function startOrderServiceProcess(opts: {
  prefix: string;
  usersUrl: string;
  env?: Record<string, string>;
}): Promise<RunningService> {
  const mongoBase = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
  return startService('order-service', {
    port: await freePort(),
    instance: `test-${opts.prefix.slice(0, -1)}`,
    env: {
      MONGO_URL: `${mongoBase}/t_order_service_${randomBytes(4).toString('hex')}`,
      USER_SERVICE_URL: opts.usersUrl,
      KAFKA_TOPIC_PREFIX: opts.prefix,
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
  });
}

/** An AuthResponse's tokens, remembered for the secret scan (they must never reach a log or a store). */
const remembered = (auth: AuthResponse): AuthResponse => {
  rememberSecret('jwt', auth.access_token);
  rememberSecret('refresh-token', auth.refresh_token);
  return auth;
};

/** Shops and their people, made through user-service's real API (their secrets known to the scan). */
export function shopAccounts(usersUrl: string) {
  /** A new shop: a new tenant with its admin, signed in (`POST /api/v1/auth/register`). */
  const newShop = async () => {
    const tag = randomUUID().slice(0, 8);
    const password = rememberSecret('password', `pw-${tag}-secret`);
    const res = await request(usersUrl)
      .post('/api/v1/auth/register')
      .send({
        email: `a-${tag}@example.com`,
        password,
        nickname: `admin_${tag}`,
      })
      .expect(201);
    const admin = remembered(res.body as AuthResponse);
    return { admin, tenantId: admin.user.tenant_id, token: admin.access_token, password };
  };

  /** A user with `role` in the shop of `admin`, signed in (with a guest `session_id` when given). */
  const addMember = async (admin: AuthResponse, role: Role = 'viewer', sessionId?: string) => {
    const tag = randomUUID().slice(0, 8);
    const body = {
      email: `m-${tag}@example.com`,
      username: `member_${tag}`,
      password: rememberSecret('password', `pw-${tag}-secret`),
      role,
    };
    await request(usersUrl).post('/api/users').set(bearer(admin.access_token)).send(body).expect(201);
    const res = await request(usersUrl)
      .post('/api/v1/auth/login')
      .send({ email: body.email, password: body.password, ...(sessionId ? { session_id: sessionId } : {}) })
      .expect(200);
    const member = remembered(res.body as AuthResponse);
    return {
      ...member,
      token: member.access_token,
      userId: member.user.id,
      email: body.email,
      password: body.password,
    };
  };

  /** An API key of the shop of `admin` (shown once by user-service). */
  const apiKey = async (admin: AuthResponse, permissions: string[] = ['read']) => {
    const res = await request(usersUrl)
      .post('/api/v1/api-keys')
      .set(bearer(admin.access_token))
      .send({ name: `k-${randomUUID().slice(0, 8)}`, permissions })
      .expect(201);
    return rememberSecret('api-key', (res.body as { key: string }).key);
  };
  /** Signs in again (`POST /api/v1/auth/login`), e.g. once an access token has expired. */
  const signIn = async (email: string, password: string) => {
    const res = await request(usersUrl).post('/api/v1/auth/login').send({ email, password }).expect(200);
    return remembered(res.body as AuthResponse);
  };
  return { newShop, addMember, apiKey, signIn };
}
