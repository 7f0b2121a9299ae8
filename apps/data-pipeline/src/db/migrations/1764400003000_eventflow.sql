-- Up Migration
-- EventFlow (seed 004): producers and their keys, stored events, consumers with their cursors.

-- a producer's key is shown once; only its SHA-256 and a display prefix are kept
CREATE TABLE eventflow_producers (
  id          uuid        PRIMARY KEY,
  tenant_id   uuid        NOT NULL,
  name        text        NOT NULL,
  description text        NOT NULL DEFAULT '',
  key_hash    text        NOT NULL UNIQUE,
  key_prefix  text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX eventflow_producers_tenant ON eventflow_producers (tenant_id, created_at DESC);

-- seq: the position consumers' cursors use. The store serialises inserts per tenant (an advisory lock
-- held to the commit, events.repository.ts), so within a tenant seq order is commit order.
CREATE SEQUENCE eventflow_events_seq AS bigint;
CREATE TABLE eventflow_events (
  event_id      uuid        PRIMARY KEY,
  seq           bigint      NOT NULL UNIQUE DEFAULT nextval('eventflow_events_seq'),
  tenant_id     uuid        NOT NULL,
  producer_id   uuid        NOT NULL,
  event_type    text        NOT NULL,
  event_version integer     NOT NULL,
  payload       jsonb       NOT NULL,
  received_at   timestamptz NOT NULL,
  stored_at     timestamptz NOT NULL DEFAULT now()
);
ALTER SEQUENCE eventflow_events_seq OWNED BY eventflow_events.seq;
-- consumers: the tenant's events after a cursor, in seq order (with or without a type filter)
CREATE INDEX eventflow_events_tenant_seq ON eventflow_events (tenant_id, seq);
CREATE INDEX eventflow_events_tenant_type_seq ON eventflow_events (tenant_id, event_type, seq);
-- queries: newest first by received_at (seq breaks ties), optionally by type or producer, keyset paging
-- (read backwards; the row comparison (received_at, seq) < (…) of the next page is an index bound)
CREATE INDEX eventflow_events_tenant_received ON eventflow_events (tenant_id, received_at, seq);
CREATE INDEX eventflow_events_tenant_type_received ON eventflow_events (tenant_id, event_type, received_at, seq);
CREATE INDEX eventflow_events_tenant_producer_received
  ON eventflow_events (tenant_id, producer_id, received_at, seq);
-- both filters: without it the count reads every event of the type from the table to check its producer
CREATE INDEX eventflow_events_tenant_type_producer_received
  ON eventflow_events (tenant_id, event_type, producer_id, received_at, seq);

-- committed: where the consumer resumes; delivered: the furthest position handed out (a commit may not pass it)
CREATE TABLE eventflow_consumers (
  id               uuid        PRIMARY KEY,
  tenant_id        uuid        NOT NULL,
  name             text        NOT NULL,
  event_types      text[]      NOT NULL,
  committed_seq    bigint      NOT NULL,
  delivered_seq    bigint      NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (committed_seq <= delivered_seq)
);
CREATE INDEX eventflow_consumers_tenant ON eventflow_consumers (tenant_id, created_at DESC);

-- Down Migration
DROP TABLE eventflow_consumers;
DROP TABLE eventflow_events;
DROP TABLE eventflow_producers;
