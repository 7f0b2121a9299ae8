-- Up Migration
-- The tenants' items as ml-engine knows them (from item.events and items.ingested): the features the
-- content encoder reads, and its vector (float32, little-endian) so a rebuild never re-embeds.
CREATE TABLE items (
  tenant_id      uuid        NOT NULL,
  item_id        text        NOT NULL,
  title          text        NOT NULL,
  description    text,
  category       text,
  tags           text[]      NOT NULL DEFAULT '{}',
  content_vector bytea       NOT NULL,
  dimension      integer     NOT NULL,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  deleted_at     timestamptz,
  PRIMARY KEY (tenant_id, item_id)
);
CREATE INDEX items_changed ON items (tenant_id, updated_at);

-- The inbox of ml-engine's consumers (messaging's PG_INBOX_DDL): items and the retrain policy.
CREATE TABLE IF NOT EXISTS processed_events (
  consumer_group text        NOT NULL,
  event_id       uuid        NOT NULL,
  processed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX IF NOT EXISTS processed_events_processed_at ON processed_events (processed_at);

-- Down Migration
DROP TABLE items;
