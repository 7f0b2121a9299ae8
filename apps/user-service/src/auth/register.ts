import { randomBytes } from 'node:crypto';
import { type AuthResponse, type RegisterRequest } from '@platform/contracts';
import { Errors } from '@platform/service-kit';
import { createAccount, type AccountDeps } from '../users/create-account';
import { issueTokens, type TokenSettings } from './tokens';

/** A username from the e-mail's local part when no nickname is given (seed 003 makes it optional). */
export function usernameFor(input: RegisterRequest): string {
  if (input.nickname) return input.nickname;
  const local =
    input.email
      .split('@')[0]
      .replace(/[^A-Za-z0-9_.-]/g, '')
      .slice(0, 40) || 'user';
  return `${local.length >= 3 ? local : `${local}_user`}-${randomBytes(3).toString('hex')}`;
}

/**
 * Seed 003 register: the account, its tenant and its first tokens, atomically. With `shopTenantId`
 * (`X-Tenant-Id`) a buyer signs up in that existing shop as a viewer instead, and names no tenant.
 */
export async function register(
  input: RegisterRequest,
  deps: AccountDeps & { tokens: TokenSettings },
  shopTenantId?: string,
): Promise<AuthResponse> {
  if (shopTenantId && input.tenant_name !== undefined) {
    const reason = 'a sign-up in a shop (X-Tenant-Id) joins that tenant and names none';
    throw Errors.validation(`Invalid request body: tenant_name: ${reason}`, {
      field: 'tenant_name',
      reason,
      fields: [{ field: 'tenant_name', reason }],
    });
  }
  const { user, extra } = await createAccount(
    {
      email: input.email,
      username: usernameFor(input),
      password: input.password,
      firstName: input.firstName,
      lastName: input.lastName,
      tenantName: input.tenant_name,
      shopTenantId,
    },
    undefined,
    deps,
    (repos, created) => issueTokens(repos, deps.tokens, created),
  );
  const tokens = extra as NonNullable<typeof extra>;
  return { ...tokens, user: { id: user.id, email: user.email, tenant_id: user.tenant_id, role: user.role } };
}
