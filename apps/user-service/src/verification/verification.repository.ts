import { query, type Db } from '../db/sql';

/** One pending e-mail verification per user: the hash of its token and when it expires. */
export class VerificationRepository {
  constructor(private readonly db: Db) {}

  async upsert(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await query(
      this.db,
      `INSERT INTO verification_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, expires_at = EXCLUDED.expires_at`,
      [userId, tokenHash, expiresAt],
    );
  }

  /** Deletes and returns the pending token (locked: two concurrent verifications cannot both succeed). */
  async take(userId: string): Promise<{ tokenHash: string; expiresAt: Date } | undefined> {
    const [row] = await query<{ token_hash: string; expires_at: Date }>(
      this.db,
      'DELETE FROM verification_tokens WHERE user_id = $1 RETURNING token_hash, expires_at',
      [userId],
    );
    return row && { tokenHash: row.token_hash, expiresAt: row.expires_at };
  }
}
