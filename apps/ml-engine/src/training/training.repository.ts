import {
  type Hyperparameters,
  type ModelType,
  type RetrainPolicy,
  type TrainingJob,
  type ValidationMetrics,
} from '@platform/contracts';
import { type Pool, type PoolClient } from 'pg';

type Db = Pool | PoolClient;

export interface NewJob {
  jobId: string;
  tenantId: string;
  modelType: ModelType;
  hyperparameters: Hyperparameters;
  dataRange?: { start_date: string; end_date: string };
}

const COLUMNS = `job_id, tenant_id, model_type, status, progress, hyperparameters, data_range, epochs,
  validation_metrics, model_version, error, created_at, started_at, finished_at`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toJob = (r: Record<string, unknown>): TrainingJob =>
  ({
    ...r,
    created_at: iso(r.created_at as Date),
    started_at: iso(r.started_at as Date | null),
    finished_at: iso(r.finished_at as Date | null),
  }) as TrainingJob;

// an instance's lock key (lockOwner): held while it lives, free once its session is gone
const OWNER_LOCK = `hashtextextended('ml-engine.training:' || owner::text, 0)`;

/** training_jobs and retrain_policies: the only code that knows their SQL. */
export const trainingRepository = {
  /** Inserts a queued job; undefined when the tenant already has one queued or running. */
  async insert(db: Db, j: NewJob): Promise<TrainingJob | undefined> {
    const res = await db.query(
      `INSERT INTO training_jobs (job_id, tenant_id, model_type, status, hyperparameters, data_range)
       VALUES ($1, $2, $3, 'queued', $4, $5)
       ON CONFLICT (tenant_id) WHERE status IN ('queued', 'running') DO NOTHING
       RETURNING ${COLUMNS}`,
      [j.jobId, j.tenantId, j.modelType, j.hyperparameters, j.dataRange ? JSON.stringify(j.dataRange) : null],
    );
    return res.rows[0] ? toJob(res.rows[0]) : undefined;
  },

  async activeJobOf(db: Db, tenantId: string): Promise<string | undefined> {
    const res = await db.query(
      `SELECT job_id FROM training_jobs WHERE tenant_id = $1 AND status IN ('queued', 'running')`,
      [tenantId],
    );
    return res.rows[0]?.job_id;
  },

  async get(db: Db, tenantId: string, jobId: string): Promise<TrainingJob | undefined> {
    const res = await db.query(`SELECT ${COLUMNS} FROM training_jobs WHERE job_id = $1 AND tenant_id = $2`, [
      jobId,
      tenantId,
    ]);
    return res.rows[0] ? toJob(res.rows[0]) : undefined;
  },

  async statusOf(db: Db, jobId: string): Promise<string | undefined> {
    const res = await db.query('SELECT status FROM training_jobs WHERE job_id = $1', [jobId]);
    return res.rows[0]?.status;
  },

  async list(db: Db, tenantId: string, limit: number, status?: string): Promise<TrainingJob[]> {
    const res = await db.query(
      `SELECT ${COLUMNS} FROM training_jobs WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2)
       ORDER BY created_at DESC LIMIT $3`,
      [tenantId, status ?? null, limit],
    );
    return res.rows.map(toJob);
  },

  /** The oldest queued job, now running under `owner` (other instances skip the locked row). */
  async claim(db: Db, owner: string): Promise<TrainingJob | undefined> {
    const res = await db.query(
      `UPDATE training_jobs SET status = 'running', owner = $1, started_at = now(), heartbeat_at = now(),
         progress = 0, epochs = '[]'
       WHERE job_id = (SELECT job_id FROM training_jobs WHERE status = 'queued' ORDER BY created_at
                       LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [owner],
    );
    return res.rows[0] ? toJob(res.rows[0]) : undefined;
  },

  /** Holds the instance's owner lock on this session (released when the session ends, even by a crash). */
  async lockOwner(client: PoolClient, owner: string) {
    await client.query(`SELECT pg_advisory_lock(hashtextextended('ml-engine.training:' || $1::text, 0))`, [
      owner,
    ]);
  },

  /**
   * Fails running jobs whose instance is gone: its owner lock is free (the process died and PostgreSQL
   * closed its session) or its heartbeat is older than `staleSeconds`. Returns the jobs failed.
   */
  async failOrphans(db: Db, me: string, staleSeconds: number, error: string) {
    const res = await db.query(
      `UPDATE training_jobs SET status = 'failed', error = $2, finished_at = now(), owner = NULL
       WHERE status = 'running' AND owner IS DISTINCT FROM $1
         AND (heartbeat_at < now() - make_interval(secs => $3) OR owner IS NULL
              OR pg_try_advisory_xact_lock(${OWNER_LOCK}))
       RETURNING job_id, tenant_id, model_type`,
      [me, error, staleSeconds],
    );
    return res.rows as { job_id: string; tenant_id: string; model_type: ModelType }[];
  },

  async progress(db: Db, jobId: string, owner: string, progress: number) {
    await db.query(
      `UPDATE training_jobs SET progress = GREATEST(progress, $3), heartbeat_at = now()
       WHERE job_id = $1 AND owner = $2 AND status = 'running'`,
      [jobId, owner, progress],
    );
  },

  async heartbeat(db: Db, owner: string) {
    await db.query(`UPDATE training_jobs SET heartbeat_at = now() WHERE owner = $1 AND status = 'running'`, [
      owner,
    ]);
  },

  async epoch(db: Db, jobId: string, owner: string, epoch: number, loss: number) {
    await db.query(
      `UPDATE training_jobs SET epochs = epochs || jsonb_build_array(jsonb_build_object('epoch', $3::int, 'loss', $4::float8)),
         heartbeat_at = now()
       WHERE job_id = $1 AND owner = $2 AND status = 'running'`,
      [jobId, owner, epoch, loss],
    );
  },

  async complete(db: Db, jobId: string, owner: string, version: string, metrics: ValidationMetrics) {
    await db.query(
      `UPDATE training_jobs SET status = 'completed', progress = 1, model_version = $3, validation_metrics = $4,
         finished_at = now(), owner = NULL
       WHERE job_id = $1 AND owner = $2 AND status = 'running'`,
      [jobId, owner, version, metrics],
    );
  },

  async fail(db: Db, jobId: string, owner: string, error: string) {
    await db.query(
      `UPDATE training_jobs SET status = 'failed', error = $3, finished_at = now(), owner = NULL
       WHERE job_id = $1 AND owner = $2 AND status = 'running'`,
      [jobId, owner, error.slice(0, 2000)],
    );
  },

  /** A job interrupted by a graceful stop goes back to the queue (another instance, or the next start, runs it). */
  async requeue(db: Db, jobId: string, owner: string) {
    await db.query(
      `UPDATE training_jobs SET status = 'queued', progress = 0, epochs = '[]', owner = NULL, started_at = NULL,
         heartbeat_at = NULL
       WHERE job_id = $1 AND owner = $2 AND status = 'running'`,
      [jobId, owner],
    );
  },

  async policy(db: Db, tenantId: string, forUpdate = false) {
    const res = await db.query(
      `SELECT enabled, model_type, min_new_rows, last_row_count FROM retrain_policies WHERE tenant_id = $1
       ${forUpdate ? 'FOR UPDATE' : ''}`,
      [tenantId],
    );
    const r = res.rows[0];
    return r
      ? {
          policy: {
            enabled: r.enabled,
            model_type: r.model_type,
            min_new_rows: r.min_new_rows,
          } as RetrainPolicy,
          lastRowCount: Number(r.last_row_count),
        }
      : undefined;
  },

  async savePolicy(db: Db, tenantId: string, p: RetrainPolicy) {
    await db.query(
      `INSERT INTO retrain_policies (tenant_id, enabled, model_type, min_new_rows) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET enabled = $2, model_type = $3, min_new_rows = $4, updated_at = now()`,
      [tenantId, p.enabled, p.model_type, p.min_new_rows],
    );
  },

  async policyQueued(db: Db, tenantId: string, rowCount: number) {
    await db.query('UPDATE retrain_policies SET last_row_count = $2 WHERE tenant_id = $1', [
      tenantId,
      rowCount,
    ]);
  },
};
