import { authenticate, bearerToken, createServiceTokens, principalOf, type Principal } from '@platform/auth';
import { TOPICS } from '@platform/contracts';
import { type Broker, EventConsumer } from '@platform/messaging';
import { type ServiceClient } from '@platform/resilience';
import { Errors, type Logger, type Metrics } from '@platform/service-kit';
import { type Request, type RequestHandler, type Response } from 'express';
import type Redis from 'ioredis';
import { ApiKeyCache } from './api-key-cache';
import { accessTokenVerifier, apiKeyVerifier, type UserServiceClientOptions } from './user-service.client';

export interface TenantCallersOptions {
  /** The service's name: the audience of service tokens and the prefix of its Redis keys. */
  service: string;
  config: UserServiceClientOptions & {
    /** How long an API key's verdict is reused (an `ApiKeyRevoked` event drops it at once). */
    API_KEY_CACHE_MS: number;
    CONSUMER_GROUP: string;
  };
  redis: Redis;
  broker: Broker;
  userService: ServiceClient;
  logger: Logger;
  metrics: Metrics;
  /** Requests another guard authenticates (EventFlow's producer keys); `/internal/*` always is. */
  skip?: (req: Request, token: string | undefined) => boolean;
}

/**
 * Who calls a tenant-facing service (data-pipeline, ml-engine). `/api/v1/*`: a user's access token
 * (JWT) or a tenant's `sk_…` API key (checked by user-service, verdicts cached in Redis and dropped on
 * `ApiKeyRevoked`). `/internal/*`: service tokens for audience `service`, guarded per route.
 */
export function tenantCallers(opts: TenantCallersOptions) {
  const { config, redis, broker, logger, metrics, userService } = opts;
  const keyCache = new ApiKeyCache(redis, config.API_KEY_CACHE_MS, logger, `${opts.service}:api-key`);
  const auth = authenticate({
    verifyAccessToken: accessTokenVerifier(config, logger),
    verifyApiKey: keyCache.wrap(apiKeyVerifier(userService)),
    serviceTokens: { tokens: createServiceTokens(config.SERVICE_TOKEN_SECRET), audience: opts.service },
  });
  const authenticateCallers: RequestHandler = (req, res, next) => {
    if (req.path.startsWith('/internal/')) return next();
    if (opts.skip?.(req, bearerToken(req.get('authorization')))) return next();
    return auth(req, res, next);
  };
  // every replica shares the cache, so one group drops the verdicts for all of them
  const revocations = new EventConsumer(broker, {
    groupId: broker.topic(`${config.CONSUMER_GROUP}.api-keys`),
    topics: [TOPICS.userEvents],
    metrics,
    handlers: { ApiKeyRevoked: async (e) => keyCache.drop(e.data.key_id) },
  });
  return { authenticate: authenticateCallers, keyCache, revocations };
}

export type Permission = 'read' | 'write';

/**
 * The caller's tenant, when it may `permission` (seed 002 §6): an API key needs the permission; a user
 * may read with any role and write as an admin or developer (a viewer only reads). 401 without a credential.
 */
export function tenantOf(res: Response, permission: Permission): { tenantId: string; principal: Principal } {
  const p = principalOf(res);
  if (!p) throw Errors.unauthenticated();
  if (p.kind === 'service') throw Errors.forbidden('This endpoint serves tenants, not services');
  if (p.kind === 'api_key' && !p.permissions.includes(permission))
    throw Errors.forbidden(`This API key lacks the ${permission} permission`);
  if (p.kind === 'user' && permission === 'write' && p.role === 'viewer')
    throw Errors.forbidden('A viewer may only read');
  return { tenantId: p.tenantId, principal: p };
}

/** A signed-in user of the tenant with one of `roles` (dashboard routes). */
export function dashboardUser(res: Response, roles: readonly string[] = ['admin', 'developer']) {
  const p = principalOf(res);
  if (!p) throw Errors.unauthenticated();
  if (p.kind !== 'user') throw Errors.forbidden('This endpoint needs a signed-in user');
  if (!roles.includes(p.role)) throw Errors.forbidden(`Needs the role ${roles.join(' or ')}`);
  return p;
}
