-- Up Migration
-- service-kit PG_PENDING_INVALIDATIONS_DDL: cache invalidations that failed while Redis was down,
-- replayed by every process before it reads from Redis again (they outlive the process that failed)
CREATE TABLE cache_pending_invalidations (
  id         bigserial PRIMARY KEY,
  keys       text[] NOT NULL,
  patterns   text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE cache_pending_invalidations;
