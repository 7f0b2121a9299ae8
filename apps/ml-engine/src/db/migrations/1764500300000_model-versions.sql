-- Up Migration
-- Each tenant's model versions: v1.0.0 first, then v1.1.0, v1.2.0 … (minor from the counter below).
CREATE TABLE model_versions (
  tenant_id          uuid        NOT NULL,
  version            text        NOT NULL,
  model_type         text        NOT NULL CHECK (model_type IN ('matrix_factorization', 'two_tower', 'gnn')),
  status             text        NOT NULL CHECK (status IN ('active', 'candidate', 'retired')),
  job_id             uuid        NOT NULL,
  validation_metrics jsonb       NOT NULL,
  users              integer     NOT NULL,
  items              integer     NOT NULL,
  dimension          integer     NOT NULL,
  -- the folder of its artifacts in ml-engine's object store (model.bin, the index snapshot)
  artifact_key       text        NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  activated_at       timestamptz,
  PRIMARY KEY (tenant_id, version)
);
-- at most one active version per tenant, whatever two replicas do at once
CREATE UNIQUE INDEX model_versions_one_active ON model_versions (tenant_id) WHERE status = 'active';

-- The last minor number handed out per tenant: an upsert takes the next one atomically, so two
-- registrations never share a name (a registration that fails afterwards leaves a gap, never a clash).
CREATE TABLE model_version_counters (
  tenant_id  uuid    PRIMARY KEY,
  last_minor integer NOT NULL
);
