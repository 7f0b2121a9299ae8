import { DUMMY_HASH, verifyPassword } from '@platform/auth';
import { type AuthResponse, type LoginRequest } from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { type Store } from '../db/store';
import { UserErrors } from '../errors';
import { type LoginThrottle } from './login-throttle';
import { issueTokens, type TokenSettings } from './tokens';

export interface LoginDeps {
  store: Store;
  throttle: LoginThrottle;
  tokens: TokenSettings;
}

/** Checks the password (as slowly for an unknown e-mail), issues tokens and records `UserLoggedIn`. */
export async function login(
  input: LoginRequest,
  client: { ip: string },
  deps: LoginDeps,
): Promise<AuthResponse> {
  await deps.throttle.assertAllowed(input.email, client.ip);
  const found = await deps.store.repos.users.findCredentials(input.email);
  const passwordOk = await verifyPassword(input.password, found?.passwordHash ?? DUMMY_HASH);
  if (!found || !passwordOk || !found.user.is_active) {
    await deps.throttle.recordFailure(input.email, client.ip);
    throw UserErrors.badCredentials();
  }
  const { user } = found;
  const tokens = await deps.store.transaction(async (repos) => {
    const issued = await issueTokens(repos, deps.tokens, user);
    await repos.events.save([
      createEvent('UserLoggedIn', {
        aggregateId: user.id,
        tenantId: user.tenant_id,
        data: {
          user_id: user.id,
          logged_in_at: new Date().toISOString(),
          ...(input.session_id ? { session_id: input.session_id } : {}),
        },
      }),
    ]);
    return issued;
  });
  await deps.throttle.recordSuccess(input.email);
  return { ...tokens, user: { id: user.id, email: user.email, tenant_id: user.tenant_id, role: user.role } };
}
