-- Up Migration
-- when a consumer's committed cursor last moved forward (NULL until its first commit), for the dashboard
ALTER TABLE eventflow_consumers ADD COLUMN committed_at timestamptz;

-- Down Migration
ALTER TABLE eventflow_consumers DROP COLUMN committed_at;
