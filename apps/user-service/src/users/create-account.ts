import { randomUUID } from 'node:crypto';
import { sealSecret, type Principal } from '@platform/auth';
import { type Role, type UserResponse } from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { Errors } from '@platform/service-kit';
import { type Repositories, type Store } from '../db/store';
import { UserErrors } from '../errors';
import { newVerificationToken } from '../verification/verification-token';
import { type UserCounters } from './user-metrics';

export interface NewAccount {
  email: string;
  username: string;
  password: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  role?: Role;
  tenantName?: string;
  /** Public sign-up in a shop: the existing tenant (`X-Tenant-Id`) the buyer joins, as a viewer. */
  shopTenantId?: string;
}

export interface AccountDeps {
  store: Store;
  hashPassword: (plain: string) => Promise<string>;
  verificationTtlHours: number;
  publicUrl: string;
  /** The AES-256-GCM key shared with notification-worker, which alone may read the verification token. */
  notificationKey: Buffer;
  counters: UserCounters;
}

/**
 * Where the new user goes: into the admin's tenant; or, at a public sign-up, into the shop it names (as
 * a viewer, a buyer) or a new tenant they administer.
 */
function placement(
  actor: Principal | undefined,
  input: NewAccount,
): { tenantId: string; role: Role; newTenant: boolean } {
  if (!actor && input.shopTenantId) return { tenantId: input.shopTenantId, role: 'viewer', newTenant: false };
  if (!actor) return { tenantId: randomUUID(), role: 'admin', newTenant: true };
  if (actor.kind === 'user' && actor.role === 'admin')
    return { tenantId: actor.tenantId, role: input.role ?? 'viewer', newTenant: false };
  throw Errors.forbidden('Only an admin can create users in a tenant');
}

/** A buyer joins only a shop that exists (404) and is active (403). */
async function assertShopOpen(repos: Repositories, tenantId: string): Promise<void> {
  const shop = await repos.tenants.findById(tenantId);
  if (!shop) throw UserErrors.tenantNotFound();
  if (shop.status !== 'active') throw Errors.forbidden('This shop is suspended: it takes no new accounts');
}

/**
 * Creates a user, and the tenant when it is a public sign-up, in one transaction with its events:
 * `TenantCreated`, `UserCreated`, and the request for the verification e-mail. `then` runs in the
 * same transaction (register issues its tokens there).
 */
export async function createAccount<T = undefined>(
  input: NewAccount,
  actor: Principal | undefined,
  deps: AccountDeps,
  then?: (repos: Repositories, user: UserResponse) => Promise<T>,
): Promise<{ user: UserResponse; extra: T | undefined }> {
  const { tenantId, role, newTenant } = placement(actor, input);
  const id = randomUUID();
  const now = new Date();
  const email = input.email.trim();
  const passwordHash = await deps.hashPassword(input.password);
  const verification = newVerificationToken(deps.verificationTtlHours);
  const created = await deps.store.transaction(async (repos) => {
    if (input.shopTenantId && !actor) await assertShopOpen(repos, tenantId);
    if (newTenant)
      await repos.tenants.insert({
        id: tenantId,
        name: input.tenantName ?? `${input.username}'s workspace`,
        createdAt: now,
      });
    const user = await repos.users.insert({
      id,
      tenantId,
      role,
      email,
      username: input.username,
      passwordHash,
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone,
      createdAt: now,
    });
    await repos.verification.upsert(id, verification.hash, verification.expiresAt);
    // the web page at this link posts the token to POST /api/users/{id}/verify
    const link = `${deps.publicUrl}/verify-email?user_id=${id}&token=${verification.token}`;
    const mailRequest = createEvent('NotificationRequested', {
      aggregateId: id,
      tenantId,
      occurredAt: now,
      data: {
        channel: 'email',
        template: 'verify-email',
        to: email,
        params: { username: input.username, user_id: id },
      },
    });
    // the token opens the account: it is sealed for notification-worker, bound to this event and
    // recipient, and never stored or published in the clear (the outbox row lives for days)
    mailRequest.data.sealed = sealSecret(
      deps.notificationKey,
      JSON.stringify({ token: verification.token, link }),
      [mailRequest.event_id, email],
    );
    await repos.events.save([
      ...(newTenant
        ? [
            createEvent('TenantCreated', {
              aggregateId: tenantId,
              tenantId,
              occurredAt: now,
              data: {
                tenant_id: tenantId,
                name: input.tenantName ?? `${input.username}'s workspace`,
                plan: 'starter',
                created_by: id,
              },
            }),
          ]
        : []),
      createEvent('UserCreated', {
        aggregateId: id,
        tenantId,
        occurredAt: now,
        data: {
          user_id: id,
          email,
          username: input.username,
          first_name: input.firstName ?? null,
          role,
          created_at: now.toISOString(),
        },
      }),
      mailRequest,
    ]);
    return { user, extra: then ? await then(repos, user) : undefined };
  });
  deps.counters.registered(); // user_registrations_total, once committed
  return created;
}
