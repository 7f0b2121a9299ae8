-- Up Migration
-- usage.events summed per tenant, UTC day and reporting service (GET /api/v1/usage, the monthly quota)
CREATE TABLE usage_daily (
  tenant_id              uuid             NOT NULL,
  day                    date             NOT NULL,
  service                text             NOT NULL,
  api_calls              bigint           NOT NULL DEFAULT 0,
  recommendations_served bigint           NOT NULL DEFAULT 0,
  items_indexed          bigint           NOT NULL DEFAULT 0,
  latency_ms_sum         double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day, service)
);

-- the shops and their plans, projected from TenantCreated on user.events (there is no plan-change event)
CREATE TABLE tenants (
  tenant_id  uuid        PRIMARY KEY,
  name       text        NOT NULL,
  plan       text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE tenants;
DROP TABLE usage_daily;
