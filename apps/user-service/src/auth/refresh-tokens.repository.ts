import { query, type Db } from '../db/sql';

export interface RefreshTokenRow {
  id: string;
  family_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export class RefreshTokensRepository {
  constructor(private readonly db: Db) {}

  async insert(t: {
    id: string;
    familyId: string;
    userId: string;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<void> {
    await query(
      this.db,
      'INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [t.id, t.familyId, t.userId, t.tokenHash, t.expiresAt],
    );
  }

  /** Locks the token's row for the rest of the transaction, so a token cannot be spent twice at once. */
  async findForUpdate(tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const [row] = await query<RefreshTokenRow>(
      this.db,
      'SELECT id, family_id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE',
      [tokenHash],
    );
    return row;
  }

  async markUsed(id: string): Promise<void> {
    await query(this.db, 'UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [id]);
  }

  async revokeFamily(familyId: string): Promise<void> {
    await query(
      this.db,
      'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
      [familyId],
    );
  }
}
