import { hashToken } from '@platform/auth';
import { type RefreshResponse } from '@platform/contracts';
import { type Store } from '../db/store';
import { UserErrors } from '../errors';
import { issueTokens, type TokenSettings } from './tokens';

type Outcome = { ok: true; tokens: RefreshResponse } | { ok: false };

/**
 * Spends a refresh token for a new pair in the same family. A token that was already spent (or whose
 * family was revoked) means it leaked: the whole family is revoked, and that revocation is committed.
 */
export async function refresh(
  refreshToken: string,
  deps: { store: Store; tokens: TokenSettings },
): Promise<RefreshResponse> {
  const outcome = await deps.store.transaction<Outcome>(async (repos) => {
    const token = await repos.refreshTokens.findForUpdate(hashToken(refreshToken));
    if (!token || token.expires_at.getTime() <= Date.now()) return { ok: false };
    if (token.used_at || token.revoked_at) {
      await repos.refreshTokens.revokeFamily(token.family_id);
      return { ok: false };
    }
    const user = await repos.users.findById(token.user_id);
    if (!user || !user.is_active) return { ok: false };
    await repos.refreshTokens.markUsed(token.id);
    return { ok: true, tokens: await issueTokens(repos, deps.tokens, user, token.family_id) };
  });
  if (!outcome.ok) throw UserErrors.badRefreshToken();
  return outcome.tokens;
}

/** Ends the session the refresh token belongs to (its whole family). Unknown tokens are ignored. */
export async function logout(refreshToken: string, deps: { store: Store }): Promise<void> {
  await deps.store.transaction(async (repos) => {
    const token = await repos.refreshTokens.findForUpdate(hashToken(refreshToken));
    if (token) await repos.refreshTokens.revokeFamily(token.family_id);
  });
}
