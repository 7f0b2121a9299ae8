import { randomBytes, randomUUID } from 'node:crypto';
import { hashToken } from '@platform/auth';
import { type RefreshResponse, type UserResponse } from '@platform/contracts';
import { type Repositories } from '../db/store';
import { type AccessTokenKeys } from './signing-key';

export interface TokenSettings {
  keys: AccessTokenKeys;
  refreshTtlDays: number;
}

/**
 * An access token (RS256 JWT, 15 minutes) and a refresh token (opaque, stored hashed, single use).
 * Refresh tokens of one login share a family: reusing a spent one revokes the family.
 */
export async function issueTokens(
  repos: Pick<Repositories, 'refreshTokens'>,
  settings: TokenSettings,
  user: Pick<UserResponse, 'id' | 'tenant_id' | 'role'>,
  familyId: string = randomUUID(),
): Promise<RefreshResponse> {
  const refreshToken = `rt_${randomBytes(32).toString('base64url')}`;
  await repos.refreshTokens.insert({
    id: randomUUID(),
    familyId,
    userId: user.id,
    tokenHash: hashToken(refreshToken),
    expiresAt: new Date(Date.now() + settings.refreshTtlDays * 86_400_000),
  });
  return {
    access_token: settings.keys.sign({
      sub: user.id,
      tenant_id: user.tenant_id,
      role: user.role,
      typ: 'access',
    }),
    refresh_token: refreshToken,
    token_type: 'Bearer',
    expires_in: settings.keys.ttlSeconds,
  };
}
