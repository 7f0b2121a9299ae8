import {
  authenticate,
  createServiceTokens,
  dummyPasswordHash,
  hashPassword,
  notificationSecretKey,
} from '@platform/auth';
import { type Broker } from '@platform/messaging';
import {
  Cache,
  createService,
  openApiRouter,
  PgPendingInvalidations,
  pgCheck,
  redisCheck,
  type HealthCheck,
  type Logger,
  type Metrics,
  type Service,
} from '@platform/service-kit';
import { type RequestHandler, Router } from 'express';
import type Redis from 'ioredis';
import { type Pool } from 'pg';
import { apiKeysRouter } from './api-keys/api-keys.routes';
import { verifyApiKey } from './api-keys/api-keys';
import { authRouter } from './auth/auth.routes';
import { LoginThrottle } from './auth/login-throttle';
import { type AccessTokenKeys } from './auth/signing-key';
import { type Config } from './config';
import { Store } from './db/store';
import { buildUserServiceOpenApi } from './openapi/openapi';
import { internalTenantsRouter } from './tenants/internal-tenants.routes';
import { tenantsRouter } from './tenants/tenants.routes';
import { activeUser } from './users/active-users';
import { internalUsersRouter } from './users/internal-users.routes';
import { UserCache } from './users/user-cache';
import { userCounters } from './users/user-metrics';
import { usersRouter } from './users/users.routes';

export interface AppDeps {
  config: Config;
  pool: Pool;
  redis: Redis;
  broker: Broker;
  keys: AccessTokenKeys;
  logger: Logger;
  metrics: Metrics;
  /** The outbox relay's check: degraded while events are parked. */
  outboxCheck?: HealthCheck;
}

/** user-service's HTTP app, from its parts. Kafka and Redis are not critical: the outbox and PostgreSQL cover for them. */
export function buildApp({
  config,
  pool,
  redis,
  broker,
  keys,
  logger,
  metrics,
  outboxCheck,
}: AppDeps): Service {
  const store = new Store(pool);
  const serviceTokens = createServiceTokens(config.SERVICE_TOKEN_SECRET);
  const deps = {
    store,
    // failed invalidations wait in PostgreSQL: a process dying during a Redis outage loses none
    cache: new UserCache(new Cache(redis, logger, metrics, { pending: new PgPendingInvalidations(pool) })),
    hashPassword: (p: string) => hashPassword(p, config.BCRYPT_ROUNDS),
    counters: userCounters(metrics), // user_registrations_total, user_verifications_total
    dummyHash: dummyPasswordHash(config.BCRYPT_ROUNDS), // computed now, at start
    notificationKey: notificationSecretKey(config.NOTIFICATION_SECRET_KEY),
    verificationTtlHours: config.VERIFICATION_TTL_HOURS,
    publicUrl: config.PUBLIC_URL,
    tokens: { keys, refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS },
    throttle: new LoginThrottle(
      redis,
      {
        maxPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        maxPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
        windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
        keyPrefix: config.LOGIN_THROTTLE_KEY_PREFIX,
      },
      logger,
    ),
    serviceTokens,
  };
  const auth = authenticate({
    // a valid signature is not enough: the user may have been deleted, deactivated or demoted since
    verifyAccessToken: async (token) => {
      const claims = await keys.verify(token);
      const user = await activeUser(claims.sub, deps);
      return { ...claims, role: user.role };
    },
    verifyApiKey: async (key) => {
      const v = await verifyApiKey(key, deps);
      return v.valid
        ? { kind: 'api_key', keyId: v.key_id, tenantId: v.tenant_id, permissions: v.permissions }
        : undefined;
    },
  });
  // /internal/* carries service tokens, checked by its own guard
  const authenticateUsers: RequestHandler = (req, res, next) =>
    req.path.startsWith('/internal/') ? next() : auth(req, res, next);
  return createService({
    name: 'user-service',
    version: config.SERVICE_VERSION,
    trustProxy: config.TRUST_PROXY,
    logger,
    metrics,
    checks: [
      pgCheck(pool),
      redisCheck(redis, 'cache', false),
      broker.healthCheck(false),
      ...(outboxCheck ? [outboxCheck] : []),
    ],
    routes: [
      openApiRouter(buildUserServiceOpenApi()),
      Router().use(authenticateUsers),
      authRouter(deps),
      usersRouter(deps),
      tenantsRouter(deps),
      apiKeysRouter(deps),
      internalUsersRouter(deps),
      internalTenantsRouter(deps),
    ],
  });
}
