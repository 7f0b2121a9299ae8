import { type UserResponse } from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { type Store } from '../db/store';
import { UserErrors } from '../errors';
import { tokenMatches } from '../verification/verification-token';
import { type UserCache } from './user-cache';
import { type UserCounters } from './user-metrics';

/**
 * The e-mailed token proves the address: the user becomes verified and `UserActivated` is published.
 * Unknown user, wrong, spent or expired token: all USER_003, thrown inside the transaction so that a
 * wrong guess rolls back and does not use up the real token.
 */
export async function verifyUser(
  id: string,
  token: string,
  deps: { store: Store; cache: UserCache; counters: UserCounters },
): Promise<UserResponse> {
  const user = await deps.store.transaction(async (repos) => {
    const pending = await repos.verification.take(id);
    if (!pending || pending.expiresAt.getTime() <= Date.now() || !tokenMatches(token, pending.tokenHash)) {
      throw UserErrors.invalidVerificationToken();
    }
    const verified = await repos.users.markVerified(id);
    if (!verified) throw UserErrors.invalidVerificationToken();
    await repos.events.save([
      createEvent('UserActivated', {
        aggregateId: id,
        tenantId: verified.tenant_id,
        data: { user_id: id, verified_at: new Date().toISOString() },
      }),
    ]);
    return verified;
  });
  await deps.cache.invalidate(id);
  deps.counters.verified(); // user_verifications_total
  return user;
}
