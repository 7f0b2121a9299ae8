import { randomUUID } from 'node:crypto';
import { userServiceClient } from '@platform/clients';
import {
  shopAccounts,
  startUserServiceProcess,
  uniqueTopicPrefix,
  type UserServiceProcess,
} from '@platform/devstack/testing';
import { BreakerRegistry } from '@platform/resilience';
import { createLogger, createMetrics } from '@platform/service-kit';
import { loadMlEngineConfig } from '../src/config';
import {
  DEFAULT_ML_SETTINGS,
  tenantSettings,
  type TenantSettingsOptions,
} from '../src/tenants/tenant-settings';

describe('tenant settings from a real user-service', () => {
  let users: UserServiceProcess;
  const registries: BreakerRegistry[] = [];
  beforeAll(async () => void (users = await startUserServiceProcess(uniqueTopicPrefix())));
  afterAll(async () => {
    for (const r of registries) r.shutdown();
    await users.stop();
  });

  const settingsFrom = (url: string, opts?: TenantSettingsOptions) => {
    const config = loadMlEngineConfig({ ...process.env, USER_SERVICE_URL: url, HTTP_TIMEOUT_MS: '500' });
    const breakers = new BreakerRegistry(createMetrics('ml-engine', { defaults: false }));
    registries.push(breakers);
    const userService = userServiceClient('ml-engine', config, breakers);
    return tenantSettings({ userService, logger: createLogger('ml-engine', 'silent') }, opts);
  };

  it("reads a tenant's default_model and embedding_dimension; an unknown tenant gets the defaults", async () => {
    const shop = await shopAccounts(users.url).newShop();
    const settings = settingsFrom(users.url);
    expect(await settings.of(shop.tenantId)).toEqual({
      default_model: 'two_tower',
      embedding_dimension: 128,
    });
    expect(await settings.of(randomUUID())).toEqual(DEFAULT_ML_SETTINGS);
  });

  it('serves cached settings, even stale ones, once user-service is down; 503 for a tenant never read', async () => {
    const accounts = shopAccounts(users.url);
    const [a, b] = [await accounts.newShop(), await accounts.newShop()];
    const fresh = settingsFrom(users.url);
    const stale = settingsFrom(users.url, { ttlMs: 1 }); // every later read refreshes in the background
    const expected = { default_model: 'two_tower', embedding_dimension: 128 };
    expect(await fresh.of(a.tenantId)).toEqual(expected);
    expect(await stale.of(a.tenantId)).toEqual(expected);

    await users.process.stop();
    expect(await fresh.of(a.tenantId)).toEqual(expected);
    expect(await stale.of(a.tenantId)).toEqual(expected);
    expect(await stale.of(a.tenantId)).toEqual(expected);
    await expect(fresh.of(b.tenantId)).rejects.toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });
});
