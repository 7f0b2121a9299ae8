-- Up Migration
-- Training jobs, durable: the runner claims queued ones (FOR UPDATE SKIP LOCKED) and writes progress
-- and each epoch's loss as they come; `owner` is the instance running it (see job-runner.ts).
CREATE TABLE training_jobs (
  job_id             uuid        PRIMARY KEY,
  tenant_id          uuid        NOT NULL,
  model_type         text        NOT NULL CHECK (model_type IN ('matrix_factorization', 'two_tower', 'gnn')),
  status             text        NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  progress           real        NOT NULL DEFAULT 0,
  hyperparameters    jsonb       NOT NULL DEFAULT '{}',
  data_range         jsonb,
  epochs             jsonb       NOT NULL DEFAULT '[]',
  validation_metrics jsonb,
  model_version      text,
  error              text,
  owner              uuid,
  heartbeat_at       timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  started_at         timestamptz,
  finished_at        timestamptz
);
-- one queued-or-running job per tenant, whatever two triggers do at once
CREATE UNIQUE INDEX training_jobs_one_active ON training_jobs (tenant_id) WHERE status IN ('queued', 'running');
CREATE INDEX training_jobs_queued ON training_jobs (created_at) WHERE status = 'queued';
CREATE INDEX training_jobs_tenant ON training_jobs (tenant_id, created_at DESC);

-- Retraining on new training data (TrainingDataUpdated), off unless a tenant turns it on.
CREATE TABLE retrain_policies (
  tenant_id      uuid        PRIMARY KEY,
  enabled        boolean     NOT NULL DEFAULT false,
  model_type     text        NOT NULL DEFAULT 'matrix_factorization',
  min_new_rows   integer     NOT NULL DEFAULT 1000,
  -- the tenant's row count when the last job was queued by the policy
  last_row_count bigint      NOT NULL DEFAULT 0,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE retrain_policies;
DROP TABLE training_jobs;
