-- Up Migration
-- the transactional outbox (libs/messaging PG_OUTBOX_DDL): TrainingDataUpdated commits with the manifest
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  event_id     uuid        NOT NULL UNIQUE,
  topic        text        NOT NULL,
  message_key  text        NOT NULL,
  payload      jsonb       NOT NULL,
  traceparent  text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  attempts     integer     NOT NULL DEFAULT 0,
  last_error   text,
  parked_at    timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_parked ON outbox (id) WHERE parked_at IS NOT NULL;
CREATE INDEX outbox_parked_keys ON outbox (message_key) WHERE parked_at IS NOT NULL;

-- the inbox (libs/messaging PG_INBOX_DDL): consumers whose effect is a PostgreSQL write apply each event once
CREATE TABLE processed_events (
  consumer_group text        NOT NULL,
  event_id       uuid        NOT NULL,
  processed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);

-- Down Migration
DROP TABLE processed_events;
DROP TABLE outbox;
