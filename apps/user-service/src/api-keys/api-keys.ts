import { randomUUID } from 'node:crypto';
import { generateApiKey, hashApiKey, type Principal } from '@platform/auth';
import { type ApiKey, type CreateApiKeyRequest, type VerifyApiKeyResponse } from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { Errors } from '@platform/service-kit';
import { type Store } from '../db/store';
import { UserErrors } from '../errors';
import { type StoredApiKey } from './api-keys.repository';

type Actor = Extract<Principal, { kind: 'user' }>;

const assertCanManage = (actor: Actor) => {
  if (actor.role === 'viewer') throw Errors.forbidden('Viewers cannot manage API keys');
};
const publicView = ({ tenant_id: _tenant, ...key }: StoredApiKey): ApiKey => key;

/** Even without their secrets, the tenant's keys (names, permissions, use) are not for viewers. */
export async function listApiKeys(actor: Actor, deps: { store: Store }): Promise<{ keys: ApiKey[] }> {
  assertCanManage(actor);
  return { keys: (await deps.store.repos.apiKeys.listByTenant(actor.tenantId)).map(publicView) };
}

/** The full key is returned here, once; only its SHA-256 is stored. */
export async function createApiKey(actor: Actor, input: CreateApiKeyRequest, deps: { store: Store }) {
  assertCanManage(actor);
  const { key, prefix, hash } = generateApiKey(input.environment);
  const permissions = [...new Set(input.permissions)];
  const stored = await deps.store.transaction(async (repos) => {
    const created = await repos.apiKeys.insert({
      id: randomUUID(),
      tenantId: actor.tenantId,
      name: input.name,
      prefix,
      hash,
      permissions,
      createdBy: actor.userId,
      createdAt: new Date(),
    });
    await repos.events.save([
      createEvent('ApiKeyCreated', {
        aggregateId: created.id,
        tenantId: actor.tenantId,
        data: {
          key_id: created.id,
          tenant_id: actor.tenantId,
          name: created.name,
          key_prefix: prefix,
          permissions,
        },
      }),
    ]);
    return created;
  });
  return {
    id: stored.id,
    name: stored.name,
    key,
    key_prefix: prefix,
    permissions: stored.permissions,
    created_at: stored.created_at,
  };
}

export async function revokeApiKey(actor: Actor, id: string, deps: { store: Store }): Promise<void> {
  assertCanManage(actor);
  await deps.store.transaction(async (repos) => {
    const revoked = await repos.apiKeys.revoke(actor.tenantId, id);
    if (!revoked) throw UserErrors.apiKeyNotFound();
    await repos.events.save([
      createEvent('ApiKeyRevoked', {
        aggregateId: id,
        tenantId: actor.tenantId,
        data: {
          key_id: id,
          tenant_id: actor.tenantId,
          key_prefix: revoked.key_prefix,
          revoked_at: new Date().toISOString(),
        },
      }),
    ]);
  });
}

/** What a presented key may do (for `/internal/api-keys/verify` and this service's own auth). */
export async function verifyApiKey(key: string, deps: { store: Store }): Promise<VerifyApiKeyResponse> {
  const found = await deps.store.repos.apiKeys.useActive(hashApiKey(key));
  return found
    ? { valid: true, tenant_id: found.tenant_id, key_id: found.id, permissions: found.permissions }
    : { valid: false };
}
