-- Up Migration
-- libs/messaging PG_OUTBOX_DDL: a row the broker keeps refusing is parked after the relay's maximum of
-- attempts (with its last error) instead of holding back every event behind it
ALTER TABLE outbox
  ADD COLUMN attempts   integer NOT NULL DEFAULT 0,
  ADD COLUMN last_error text,
  ADD COLUMN parked_at  timestamptz;
DROP INDEX outbox_unpublished;
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_parked ON outbox (id) WHERE parked_at IS NOT NULL;

-- Down Migration
DROP INDEX outbox_parked;
DROP INDEX outbox_pending;
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
ALTER TABLE outbox DROP COLUMN parked_at, DROP COLUMN last_error, DROP COLUMN attempts;
