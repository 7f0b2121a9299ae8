import { verifyPassword } from '@platform/auth';
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
  /** A hash at the configured bcrypt cost, checked when the e-mail is unknown (see dummyPasswordHash). */
  dummyHash: Promise<string>;
}

/** Checks the password (as slowly for an unknown e-mail), issues tokens and records `UserLoggedIn`. */
export async function login(
  input: LoginRequest,
  client: { ip: string },
  deps: LoginDeps,
): Promise<AuthResponse> {
  // counted before the check (a failure keeps it): parallel guesses cannot outrun the limit
  await deps.throttle.consume(input.email, client.ip);
  const found = await deps.store.repos.users.findCredentials(input.email);
  const passwordOk = await verifyPassword(input.password, found?.passwordHash ?? (await deps.dummyHash));
  if (!found || !passwordOk || !found.user.is_active) throw UserErrors.badCredentials();
  await deps.throttle.succeeded(input.email, client.ip);
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
  return { ...tokens, user: { id: user.id, email: user.email, tenant_id: user.tenant_id, role: user.role } };
}
