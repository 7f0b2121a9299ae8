import { fetchTenant } from '@platform/clients';
import { AppError, isAppError } from '@platform/service-kit';
import { type ComponentDeps } from '../component';

/** A tenant's ML settings (seed 002 §6). */
export interface MlSettings {
  default_model: string;
  embedding_dimension: number;
}

/** The tenants' settings, read from user-service (cached). */
export interface TenantSettings {
  of(tenantId: string): Promise<MlSettings>;
}

/** What user-service gives a new tenant (its `tenants.settings` default), for tenants it does not know. */
export const DEFAULT_ML_SETTINGS: MlSettings = { default_model: 'two_tower', embedding_dimension: 128 };

export interface TenantSettingsOptions {
  /** An entry this old is refreshed in the background while it keeps being served. */
  ttlMs?: number;
  /** Tenants kept at most (the least recently fetched go first). */
  maxTenants?: number;
}

interface Entry {
  settings: MlSettings;
  fetchedAt: number;
}

/**
 * Settings per tenant from user-service (`GET /internal/tenants/{id}`, breaker `user_service`), kept in
 * memory: a fresh entry is served as is, a stale one is served while a refresh runs in the background, so
 * the hot path waits on user-service only for a tenant's first request. With nothing cached and
 * user-service down, the request fails with 503. A tenant user-service does not know gets the defaults.
 */
export function tenantSettings(
  deps: Pick<ComponentDeps, 'userService' | 'logger'>,
  opts: TenantSettingsOptions = {},
): TenantSettings {
  const ttlMs = opts.ttlMs ?? 5 * 60_000;
  const maxTenants = opts.maxTenants ?? 10_000;
  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<MlSettings>>();

  const load = async (tenantId: string): Promise<MlSettings> => {
    const tenant = await fetchTenant(deps.userService, tenantId);
    const s = tenant?.settings ?? DEFAULT_ML_SETTINGS;
    const settings = { default_model: s.default_model, embedding_dimension: s.embedding_dimension };
    cache.delete(tenantId); // re-inserted last: Map order is the eviction order
    cache.set(tenantId, { settings, fetchedAt: Date.now() });
    if (cache.size > maxTenants) cache.delete(cache.keys().next().value as string);
    return settings;
  };

  /** One call per tenant at a time, however many requests wait on it. */
  const refresh = (tenantId: string): Promise<MlSettings> => {
    let p = inFlight.get(tenantId);
    if (!p) {
      p = load(tenantId).finally(() => inFlight.delete(tenantId));
      inFlight.set(tenantId, p);
    }
    return p;
  };

  return {
    async of(tenantId) {
      const hit = cache.get(tenantId);
      if (hit) {
        if (Date.now() - hit.fetchedAt >= ttlMs)
          refresh(tenantId).catch((err: Error) =>
            deps.logger.warn('Tenant settings not refreshed; the cached ones are served', {
              tenant_id: tenantId,
              error: err.message,
            }),
          );
        return hit.settings;
      }
      try {
        return await refresh(tenantId);
      } catch (err) {
        if (isAppError(err) && err.status === 503) throw err;
        throw new AppError({
          code: 'SERVICE_UNAVAILABLE',
          status: 503,
          retriable: true,
          message: "The tenant's settings could not be read from user-service",
          details: { dependency: 'user_service' },
          cause: err,
        });
      }
    },
  };
}
