-- Up Migration
-- The Parquet writer's exactly-once state: a file becomes visible (manifest) in the same transaction
-- that moves the writer's offsets past the records it holds, so a redelivery is skipped, never rewritten.
CREATE TABLE writer_offsets (
  topic       text    NOT NULL,
  partition   integer NOT NULL,
  next_offset bigint  NOT NULL,
  PRIMARY KEY (topic, partition)
);

-- Every Parquet file readers may see; a file in the store but not here is an orphan (swept).
CREATE TABLE training_files (
  key        text        PRIMARY KEY,
  tenant_id  uuid        NOT NULL,
  kind       text        NOT NULL CHECK (kind IN ('interactions', 'items')),
  day        date,
  row_count  integer     NOT NULL,
  size_bytes bigint      NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_files_tenant ON training_files (tenant_id, kind, day);

-- The tenants' items as the writer knows them (item features of interactions, full rows of price changes).
CREATE TABLE training_items (
  tenant_id  uuid        NOT NULL,
  item_id    text        NOT NULL,
  state      jsonb       NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, item_id)
);

-- catalog.json's data_version per tenant; written_version lags until the catalog is in the store.
CREATE TABLE training_catalogs (
  tenant_id       uuid   PRIMARY KEY,
  version         bigint NOT NULL,
  written_version bigint NOT NULL DEFAULT 0
);

-- Down Migration
DROP TABLE training_catalogs;
DROP TABLE training_items;
DROP TABLE training_files;
DROP TABLE writer_offsets;
