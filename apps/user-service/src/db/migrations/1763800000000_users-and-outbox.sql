-- Up Migration
CREATE TABLE users (
  id            uuid PRIMARY KEY,
  email         text        NOT NULL,
  username      text        NOT NULL,
  password_hash text        NOT NULL,
  first_name    text,
  last_name     text,
  phone         text,
  is_active     boolean     NOT NULL DEFAULT true,
  is_verified   boolean     NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
-- case-insensitive uniqueness: Ada@x.io and ada@x.io are one account
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- the transactional outbox (libs/messaging PG_OUTBOX_DDL): events commit with the state they describe
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  event_id     uuid        NOT NULL UNIQUE,
  topic        text        NOT NULL,
  message_key  text        NOT NULL,
  payload      jsonb       NOT NULL,
  traceparent  text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- Down Migration
DROP TABLE outbox;
DROP TABLE users;
