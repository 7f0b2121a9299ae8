import { randomUUID } from 'node:crypto';
import { createEvent } from '@platform/messaging';
import { TOPICS } from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import request from 'supertest';
import { UsageRepository } from '../src/usage/usage.repository';
import { bearer, startDataPipeline, type DataPipeline } from './harness';

const today = () => new Date().toISOString().slice(0, 10);

/** Metering: every public call counted per tenant, summed from usage.events into GET /api/v1/usage. */
describe('usage metering', () => {
  let dp: DataPipeline;
  beforeAll(async () => {
    dp = await startDataPipeline();
  });
  afterAll(() => dp?.stop());

  const usage = (token: string, start = today(), end = today()) =>
    request(dp.url).get('/api/v1/usage').query({ start_date: start, end_date: end }).set(bearer(token));
  /** What the consumer has summed for the tenant so far (read beside the API, so reading counts nothing). */
  const stored = async (tenantId: string) => {
    const { rows } = await dp.pool.query<{
      calls: string | null;
      latency: number | null;
      recs: string | null;
    }>(
      `SELECT sum(api_calls) AS calls, sum(latency_ms_sum) AS latency, sum(recommendations_served) AS recs
         FROM usage_daily WHERE tenant_id = $1`,
      [tenantId],
    );
    return {
      calls: Number(rows[0].calls ?? 0),
      latency: rows[0].latency ?? 0,
      recs: Number(rows[0].recs ?? 0),
    };
  };

  it('shows the calls a tenant really made, with their average latency, and only to that tenant', async () => {
    const a = await dp.accounts.newShop();
    const b = await dp.accounts.newShop();
    const first = await usage(a.token).expect(200);
    expect(first.body).toEqual({
      period: { start: today(), end: today() },
      metrics: { api_calls: 0, recommendations_served: 0, items_indexed: 0, average_latency_ms: 0 },
      quota: { api_calls_limit: 100_000, api_calls_used: 0, percentage_used: 0 },
    });
    for (let i = 0; i < 4; i++) await usage(a.token).expect(200);
    await eventually(async () => (await stored(a.tenantId)).calls === 5, { what: 'five calls summed' });

    const { latency } = await stored(a.tenantId);
    const res = await usage(a.token).expect(200); // counted when answered: not part of its own answer
    expect(res.body.metrics.api_calls).toBe(5);
    expect(res.body.metrics.average_latency_ms).toBeCloseTo(latency / 5, 2);
    expect(res.body.metrics.average_latency_ms).toBeGreaterThan(0);
    expect(res.body.quota).toEqual({ api_calls_limit: 100_000, api_calls_used: 5, percentage_used: 0.01 });

    // tenancy: the other shop sees none of it, and a range that misses today shows nothing
    const other = await usage(b.token).expect(200);
    expect(other.body.metrics.api_calls).toBe(0);
    const past = await usage(a.token, '2026-01-01', '2026-01-31').expect(200);
    expect(past.body.metrics.api_calls).toBe(0);
    expect(past.body.quota.api_calls_used).toBe(0);
  });

  it('sums what other services report (ml-engine’s recommendations) and counts a redelivered event once', async () => {
    const shop = await dp.accounts.newShop();
    const report = (calls: number, recs: number) =>
      createEvent('UsageRecorded', {
        aggregateId: shop.tenantId,
        tenantId: shop.tenantId,
        data: {
          tenant_id: shop.tenantId,
          service: 'ml-engine',
          window_start: new Date().toISOString(),
          api_calls: calls,
          recommendations_served: recs,
          items_indexed: 0,
          latency_ms_sum: calls * 10,
        },
      });
    const twice = report(3, 30);
    const marker = report(1, 5);
    // the same event twice (a redelivery), then a marker behind it on the same partition (same key)
    await dp.publisher.publish([twice, twice, marker].map((event) => ({ topic: TOPICS.usageEvents, event })));
    await eventually(async () => (await stored(shop.tenantId)).recs >= 35, { what: 'the marker summed' });

    const res = await usage(shop.token).expect(200);
    expect(res.body.metrics).toEqual({
      api_calls: 4,
      recommendations_served: 35,
      items_indexed: 0,
      average_latency_ms: 10,
    });
  });

  it('refuses a range that ends before it starts, or spans more than 366 days', async () => {
    const shop = await dp.accounts.newShop();
    const backwards = await usage(shop.token, '2026-02-02', '2026-02-01').expect(400);
    expect(backwards.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'end_date' } });
    await usage(shop.token, '2025-01-01', '2026-01-01').expect(200); // 366 days, both included
    const long = await usage(shop.token, '2025-01-01', '2026-01-02').expect(400);
    expect(long.body.error.code).toBe('VALIDATION_ERROR');
    const missing = await request(dp.url).get('/api/v1/usage').set(bearer(shop.token)).expect(400);
    expect(missing.body.error.code).toBe('VALIDATION_ERROR');
    await request(dp.url)
      .get('/api/v1/usage?start_date=2026-02-30&end_date=2026-03-01')
      .set(bearer(shop.token))
      .expect(400);
  });

  it('forgets its own inbox marks after a month, and no other group’s', async () => {
    const group = `${dp.prefix}data-pipeline.usage`;
    const mark = (g: string, daysAgo: number) =>
      dp.pool.query(
        `INSERT INTO processed_events (consumer_group, event_id, processed_at)
         VALUES ($1, $2, now() - make_interval(days => $3)) RETURNING event_id`,
        [g, randomUUID(), daysAgo],
      );
    const old = await mark(group, 31);
    const recent = await mark(group, 1);
    const othersOld = await mark('someone-else', 31);
    expect(await new UsageRepository(dp.pool).pruneMarks(group, 30)).toBe(1);
    const { rows } = await dp.pool.query<{ event_id: string }>(
      'SELECT event_id FROM processed_events WHERE event_id = ANY($1)',
      [[old, recent, othersOld].map((r) => r.rows[0].event_id)],
    );
    expect(rows.map((r) => r.event_id).sort()).toEqual(
      [recent, othersOld].map((r) => r.rows[0].event_id as string).sort(),
    );
  });

  it('keeps the tenants’ plans from TenantCreated', async () => {
    const shop = await dp.accounts.newShop();
    await eventually(
      async () =>
        (await dp.pool.query('SELECT plan FROM tenants WHERE tenant_id = $1', [shop.tenantId])).rowCount ===
        1,
      { what: 'the shop in the tenants projection' },
    );
  });
});
