import { eventually } from '@platform/devstack/testing';
import request from 'supertest';
import { bearer, startDataPipeline, type DataPipeline } from './harness';

const QUOTA = 3;

/** A tenant over its plan's monthly API-call quota gets 429 with the quota in details. */
describe('usage quota', () => {
  let dp: DataPipeline;
  beforeAll(async () => {
    dp = await startDataPipeline({ env: { QUOTA_STARTER: String(QUOTA) } });
  });
  afterAll(() => dp?.stop());

  const apiCalls = async (tenantId: string) => {
    const { rows } = await dp.pool.query<{ n: string | null }>(
      'SELECT sum(api_calls) AS n FROM usage_daily WHERE tenant_id = $1',
      [tenantId],
    );
    return Number(rows[0].n ?? 0);
  };
  const day = new Date().toISOString().slice(0, 10);
  const call = (token: string) =>
    request(dp.url).get('/api/v1/usage').query({ start_date: day, end_date: day }).set(bearer(token));

  it('refuses the shop once its month reached the starter quota, with the quota and Retry-After; others go on', async () => {
    const spender = await dp.accounts.newShop();
    const other = await dp.accounts.newShop();
    for (let i = 0; i < QUOTA; i++) await call(spender.token).expect(200);

    // the count trails the calls by a flush and the guard's cache: calls go through until it catches up
    let refused: request.Response | undefined;
    let answered = QUOTA;
    await eventually(
      async () => {
        const res = await call(spender.token);
        if (res.status === 200) answered += 1;
        if (res.status === 429) refused = res;
        return res.status === 429;
      },
      { what: 'the quota to refuse the shop', intervalMs: 200 },
    );
    const now = new Date();
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
    expect(refused!.body.error).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      details: { reason: 'monthly_quota', plan: 'starter', api_calls_limit: QUOTA, resets_at: nextMonth },
    });
    expect(refused!.body.error.details.api_calls_used).toBeGreaterThanOrEqual(QUOTA);
    const retryAfter = Number(refused!.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual((Date.parse(nextMonth) - Date.now()) / 1000 + 1);

    // refused calls are not usage: after two more, another shop's call (metered in the same or a later
    // window) is summed, and the spender's count is still the calls that were answered 200
    await eventually(async () => (await apiCalls(spender.tenantId)) === answered, {
      what: 'answered calls summed',
    });
    await call(spender.token).expect(429);
    await call(spender.token).expect(429);
    const fresh = await call(other.token).expect(200);
    expect(fresh.body.quota).toMatchObject({ api_calls_limit: QUOTA, api_calls_used: 0 });
    await eventually(async () => (await apiCalls(other.tenantId)) === 1, { what: 'the other shop’s call' });
    expect(await apiCalls(spender.tenantId)).toBe(answered);
  });
});
