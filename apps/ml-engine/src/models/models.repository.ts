import { type ModelType, type ModelVersion, type ValidationMetrics } from '@platform/contracts';
import { type Pool, type PoolClient } from 'pg';

type Queryable = Pick<PoolClient, 'query'>;

/** A model_versions row as the component uses it. */
export interface VersionRow {
  tenantId: string;
  version: string;
  modelType: ModelType;
  status: 'active' | 'candidate' | 'retired';
  jobId: string;
  metrics: ValidationMetrics;
  users: number;
  items: number;
  dimension: number;
  artifactKey: string;
  createdAt: Date;
  activatedAt: Date | null;
}

interface DbRow {
  tenant_id: string;
  version: string;
  model_type: ModelType;
  status: VersionRow['status'];
  job_id: string;
  validation_metrics: ValidationMetrics;
  users: number;
  items: number;
  dimension: number;
  artifact_key: string;
  created_at: Date;
  activated_at: Date | null;
}

const toRow = (r: DbRow): VersionRow => ({
  tenantId: r.tenant_id,
  version: r.version,
  modelType: r.model_type,
  status: r.status,
  jobId: r.job_id,
  metrics: r.validation_metrics,
  users: r.users,
  items: r.items,
  dimension: r.dimension,
  artifactKey: r.artifact_key,
  createdAt: r.created_at,
  activatedAt: r.activated_at,
});

/** The contract's shape of a version (GET /internal/ml/models, register's answer). */
export const toModelVersion = (r: VersionRow): ModelVersion => ({
  version: r.version,
  model_type: r.modelType,
  status: r.status,
  job_id: r.jobId,
  validation_metrics: r.metrics,
  users: r.users,
  items: r.items,
  dimension: r.dimension,
  created_at: r.createdAt.toISOString(),
  activated_at: r.activatedAt?.toISOString() ?? null,
});

/** model_versions and model_version_counters: the only code that knows their SQL. */
export const modelsRepository = {
  /** The tenant's next version name: v1.0.0, then v1.1.0 … (atomic: an upsert of the counter). */
  async nextVersion(pool: Pool, tenantId: string): Promise<string> {
    const { rows } = await pool.query<{ last_minor: number }>(
      `INSERT INTO model_version_counters (tenant_id, last_minor) VALUES ($1, 0)
       ON CONFLICT (tenant_id) DO UPDATE SET last_minor = model_version_counters.last_minor + 1
       RETURNING last_minor`,
      [tenantId],
    );
    return `v1.${rows[0].last_minor}.0`;
  },

  /** Serialises activations of one tenant until the transaction ends. */
  async lockTenant(tx: Queryable, tenantId: string) {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('model_versions:' || $1, 0))`, [tenantId]);
  },

  async insert(tx: Queryable, row: Omit<VersionRow, 'createdAt' | 'activatedAt'>) {
    await tx.query(
      `INSERT INTO model_versions (tenant_id, version, model_type, status, job_id, validation_metrics,
         users, items, dimension, artifact_key, activated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $4 = 'active' THEN now() END)`,
      [
        row.tenantId,
        row.version,
        row.modelType,
        row.status,
        row.jobId,
        JSON.stringify(row.metrics),
        row.users,
        row.items,
        row.dimension,
        row.artifactKey,
      ],
    );
  },

  async find(db: Queryable, tenantId: string, version: string): Promise<VersionRow | undefined> {
    const { rows } = await db.query<DbRow>(
      'SELECT * FROM model_versions WHERE tenant_id = $1 AND version = $2',
      [tenantId, version],
    );
    return rows[0] && toRow(rows[0]);
  },

  async active(db: Queryable, tenantId: string): Promise<VersionRow | undefined> {
    const { rows } = await db.query<DbRow>(
      `SELECT * FROM model_versions WHERE tenant_id = $1 AND status = 'active'`,
      [tenantId],
    );
    return rows[0] && toRow(rows[0]);
  },

  /** The tenant's versions, newest first. */
  async list(db: Queryable, tenantId: string): Promise<VersionRow[]> {
    const { rows } = await db.query<DbRow>(
      'SELECT * FROM model_versions WHERE tenant_id = $1 ORDER BY created_at DESC, version DESC',
      [tenantId],
    );
    return rows.map(toRow);
  },

  /** The active version becomes `candidate` (it may be activated again: a rollback target). */
  async demoteActive(tx: Queryable, tenantId: string) {
    await tx.query(
      `UPDATE model_versions SET status = 'candidate' WHERE tenant_id = $1 AND status = 'active'`,
      [tenantId],
    );
  },

  async markActive(tx: Queryable, tenantId: string, version: string) {
    await tx.query(
      `UPDATE model_versions SET status = 'active', activated_at = now() WHERE tenant_id = $1 AND version = $2`,
      [tenantId, version],
    );
  },
};
