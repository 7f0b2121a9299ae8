import { type ApiKey } from '@platform/contracts';
import { query, type Db } from '../db/sql';

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string;
  key_prefix: string;
  permissions: ApiKey['permissions'];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export type StoredApiKey = ApiKey & { tenant_id: string };

const toKey = (r: ApiKeyRow): StoredApiKey => ({
  id: r.id,
  tenant_id: r.tenant_id,
  name: r.name,
  key_prefix: r.key_prefix,
  permissions: r.permissions,
  created_at: r.created_at.toISOString(),
  last_used_at: r.last_used_at?.toISOString() ?? null,
  status: r.revoked_at ? 'revoked' : 'active',
});

const COLUMNS = 'id, tenant_id, name, key_prefix, permissions, created_at, last_used_at, revoked_at';

/** API keys are stored as a SHA-256 hash with a visible prefix; the key itself is never stored. */
export class ApiKeysRepository {
  constructor(private readonly db: Db) {}

  async insert(k: {
    id: string;
    tenantId: string;
    name: string;
    prefix: string;
    hash: string;
    permissions: string[];
    createdBy: string;
    createdAt: Date;
  }) {
    const [row] = await query<ApiKeyRow>(
      this.db,
      `INSERT INTO api_keys (id, tenant_id, name, key_prefix, key_hash, permissions, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [k.id, k.tenantId, k.name, k.prefix, k.hash, k.permissions, k.createdBy, k.createdAt],
    );
    return toKey(row);
  }

  async listByTenant(tenantId: string): Promise<StoredApiKey[]> {
    const rows = await query<ApiKeyRow>(
      this.db,
      `SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1 ORDER BY created_at DESC, id`,
      [tenantId],
    );
    return rows.map(toKey);
  }

  /** Revokes a key of this tenant; undefined when the tenant has no such active key. */
  async revoke(tenantId: string, id: string): Promise<StoredApiKey | undefined> {
    const [row] = await query<ApiKeyRow>(
      this.db,
      `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [id, tenantId],
    );
    return row && toKey(row);
  }

  /** The active key with this hash, its use recorded in `last_used_at`. */
  async useActive(hash: string): Promise<StoredApiKey | undefined> {
    const [row] = await query<ApiKeyRow>(
      this.db,
      `UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [hash],
    );
    return row && toKey(row);
  }
}
