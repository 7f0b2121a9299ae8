-- Up Migration
CREATE TABLE tenants (
  id         uuid PRIMARY KEY,
  name       text        NOT NULL,
  plan       text        NOT NULL DEFAULT 'starter' CHECK (plan IN ('starter', 'pro', 'enterprise')),
  status     text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  settings   jsonb       NOT NULL DEFAULT '{"default_model": "two_tower", "embedding_dimension": 128}',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- users who signed up before tenants existed each get a tenant of their own, as its admin
ALTER TABLE users
  ADD COLUMN tenant_id uuid,
  ADD COLUMN role text NOT NULL DEFAULT 'admin' CHECK (role IN ('admin', 'developer', 'viewer')),
  ADD COLUMN profile jsonb NOT NULL DEFAULT '{}';
INSERT INTO tenants (id, name) SELECT id, username || '''s workspace' FROM users;
UPDATE users SET tenant_id = id;
ALTER TABLE users
  ALTER COLUMN tenant_id SET NOT NULL,
  ALTER COLUMN role DROP DEFAULT,
  ADD CONSTRAINT users_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id);
CREATE INDEX users_tenant ON users (tenant_id);

-- rotating refresh tokens: each works once; reuse of a spent one revokes its whole family
CREATE TABLE refresh_tokens (
  id         uuid PRIMARY KEY,
  family_id  uuid        NOT NULL,
  user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text        NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE verification_tokens (
  user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  token_hash text        NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
  id           uuid PRIMARY KEY,
  tenant_id    uuid        NOT NULL REFERENCES tenants (id),
  name         text        NOT NULL,
  key_prefix   text        NOT NULL,
  key_hash     text        NOT NULL UNIQUE,
  permissions  text[]      NOT NULL,
  created_by   uuid        REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

-- GET /api/users/{id}/events: the history of each user, written with the outbox in one transaction
CREATE TABLE user_event_log (
  id         uuid PRIMARY KEY,
  user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  event_type text        NOT NULL,
  data       jsonb       NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX user_event_log_user ON user_event_log (user_id, created_at DESC, id);

-- Down Migration
DROP TABLE user_event_log;
DROP TABLE api_keys;
DROP TABLE verification_tokens;
DROP TABLE refresh_tokens;
ALTER TABLE users DROP CONSTRAINT users_tenant_fk, DROP COLUMN tenant_id, DROP COLUMN role, DROP COLUMN profile;
DROP TABLE tenants;
