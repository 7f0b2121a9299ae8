import { type EventFlowProducer } from '@platform/contracts';
import { translatePgError } from '@platform/service-kit';
import { type Pool } from 'pg';

interface ProducerRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string;
  key_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** Who a producer key belongs to. */
export interface ProducerIdentity {
  producerId: string;
  tenantId: string;
}

const toProducer = (r: ProducerRow): EventFlowProducer => ({
  producer_id: r.id,
  name: r.name,
  description: r.description,
  key_prefix: r.key_prefix,
  status: r.revoked_at ? 'revoked' : 'active',
  created_at: r.created_at.toISOString(),
  ...(r.revoked_at ? { revoked_at: r.revoked_at.toISOString() } : {}),
});

const run = async <T>(work: Promise<T>): Promise<T> => {
  try {
    return await work;
  } catch (err) {
    throw translatePgError(err);
  }
};

/** EventFlow producers in PostgreSQL: keys only as SHA-256 hashes. */
export class ProducersRepository {
  constructor(private readonly pool: Pool) {}

  async create(p: {
    id: string;
    tenantId: string;
    name: string;
    description: string;
    keyHash: string;
    keyPrefix: string;
  }): Promise<EventFlowProducer> {
    const { rows } = await run(
      this.pool.query<ProducerRow>(
        `INSERT INTO eventflow_producers (id, tenant_id, name, description, key_hash, key_prefix)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [p.id, p.tenantId, p.name, p.description, p.keyHash, p.keyPrefix],
      ),
    );
    return toProducer(rows[0]!);
  }

  async list(tenantId: string): Promise<EventFlowProducer[]> {
    const { rows } = await run(
      this.pool.query<ProducerRow>(
        'SELECT * FROM eventflow_producers WHERE tenant_id = $1 ORDER BY created_at DESC, id',
        [tenantId],
      ),
    );
    return rows.map(toProducer);
  }

  /** Revokes the tenant's producer (again is fine); false when the tenant has no such producer. */
  async revoke(tenantId: string, id: string): Promise<boolean> {
    const { rowCount } = await run(
      this.pool.query(
        `UPDATE eventflow_producers SET revoked_at = coalesce(revoked_at, now())
         WHERE id = $1 AND tenant_id = $2`,
        [id, tenantId],
      ),
    );
    return rowCount === 1;
  }

  /** The active producer holding the key with this hash. */
  async byKeyHash(keyHash: string): Promise<ProducerIdentity | undefined> {
    const { rows } = await run(
      this.pool.query<{ id: string; tenant_id: string }>(
        'SELECT id, tenant_id FROM eventflow_producers WHERE key_hash = $1 AND revoked_at IS NULL',
        [keyHash],
      ),
    );
    const row = rows[0];
    return row ? { producerId: row.id, tenantId: row.tenant_id } : undefined;
  }
}
