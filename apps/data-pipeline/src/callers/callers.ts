import { authenticate, bearerToken, createServiceTokens, principalOf, type Principal } from '@platform/auth';
import { accessTokenVerifier, apiKeyVerifier } from '@platform/clients';
import { isProducerKey, TOPICS } from '@platform/contracts';
import { EventConsumer } from '@platform/messaging';
import { Errors } from '@platform/service-kit';
import { type RequestHandler, type Response } from 'express';
import { type ComponentDeps } from '../component';
import { ApiKeyCache } from './api-key-cache';

/**
 * Who calls data-pipeline. `/api/v1/*`: a user's access token (JWT) or a tenant's `sk_…` API key
 * (checked by user-service, verdicts cached and dropped on `ApiKeyRevoked`); EventFlow's producer keys
 * (`evp_…`) are left to the events route. `/internal/*`: service tokens, guarded per route.
 */
export function callers(deps: ComponentDeps) {
  const { config, redis, broker, logger, metrics, userService } = deps;
  const keyCache = new ApiKeyCache(redis, config.API_KEY_CACHE_MS, logger);
  const auth = authenticate({
    verifyAccessToken: accessTokenVerifier(config, logger),
    verifyApiKey: keyCache.wrap(apiKeyVerifier(userService)),
    serviceTokens: { tokens: createServiceTokens(config.SERVICE_TOKEN_SECRET), audience: 'data-pipeline' },
  });
  const authenticateCallers: RequestHandler = (req, res, next) => {
    if (req.path.startsWith('/internal/')) return next();
    const token = bearerToken(req.get('authorization'));
    if (token && isProducerKey(token)) return next();
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

/** A signed-in user of the tenant with one of `roles` (EventFlow's dashboard routes). */
export function dashboardUser(res: Response, roles: readonly string[] = ['admin', 'developer']) {
  const p = principalOf(res);
  if (!p) throw Errors.unauthenticated();
  if (p.kind !== 'user') throw Errors.forbidden('This endpoint needs a signed-in user');
  if (!roles.includes(p.role)) throw Errors.forbidden(`Needs the role ${roles.join(' or ')}`);
  return p;
}
