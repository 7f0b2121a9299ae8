import { randomUUID } from 'node:crypto';
import { eventually } from '@platform/devstack/testing';
import request from 'supertest';
import { compact } from '../src/training-data/compaction';
import { bearer, startDataPipeline, type DataPipeline } from './harness';
import { catalogRows, closeReader, readCatalog } from './training-data-fixtures';
import { trainingDeps } from './training-data-steps';

/**
 * A client retries after a timeout whose first try got through: with the same Idempotency-Key the
 * retry is the same interaction (same interaction_id), so the training data counts it once.
 */
describe('interactions with an Idempotency-Key', () => {
  let svc: DataPipeline;
  let shop: Awaited<ReturnType<DataPipeline['accounts']['newShop']>>;
  const timestamp = '2026-11-10T05:00:00.000Z'; // one day: one partition to compact

  beforeAll(async () => {
    svc = await startDataPipeline();
    shop = await svc.accounts.newShop();
  });
  afterAll(async () => {
    await svc?.stop();
    closeReader();
  });

  const rowsOf = async (user: string) =>
    (await catalogRows(svc.store, await readCatalog(svc.store, shop.tenantId))).filter(
      (r) => r.user_id === user,
    );
  const idsOf = async (user: string) => new Set((await rowsOf(user)).map((r) => String(r.interaction_id)));
  const untilIds = (user: string, n: number) =>
    eventually(async () => (await idsOf(user)).size >= n, {
      what: `${n} interactions of ${user}`,
      intervalMs: 200,
    });
  /** The rows of a user once the day's files are merged (a resend in a later file is one row then). */
  const compactedRows = async (user: string) => {
    const deps = trainingDeps(svc);
    try {
      await compact(deps, 1);
    } finally {
      deps.files.close();
    }
    return rowsOf(user);
  };

  it('POST /api/v1/interactions: a resend with the same key answers the same id and lands once in Parquet', async () => {
    const user = `u-${randomUUID()}`;
    const body = { user_id: user, item_id: 'i-1', interaction_type: 'view', timestamp };
    const send = (key: string) =>
      request(svc.url)
        .post('/api/v1/interactions')
        .set(bearer(shop.token))
        .set('idempotency-key', key)
        .send(body);
    const key = `retry-${randomUUID()}`;
    const first = (await send(key).expect(202)).body.interaction_id;
    await untilIds(user, 1); // the first try is in the training data; its answer was lost
    expect((await send(key).expect(202)).body.interaction_id).toBe(first);
    // after the resend on the same partition (keyed tenant:user): once it is written, the resend was too
    const other = (await send(`other-${randomUUID()}`).expect(202)).body.interaction_id;
    await untilIds(user, 2);
    const rows = await compactedRows(user);
    expect(rows.map((r) => r.interaction_id).sort()).toEqual([first, other].sort());
    const bad = await send('short');
    expect([bad.status, bad.body.error?.code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('POST /internal/data/interactions: a resent batch with the same key is the same interactions, once each', async () => {
    const user = `u-${randomUUID()}`;
    const interactions = [
      { user_id: user, item_id: 'i-1', interaction_type: 'view', timestamp },
      { user_id: user, item_id: 'i-1', interaction_type: 'bogus' }, // refused: the others keep their place
      { user_id: user, item_id: 'i-2', interaction_type: 'like', timestamp },
    ];
    const send = async (key: string) => {
      const res = await request(svc.url)
        .post('/internal/data/interactions')
        .set(svc.serviceAuth())
        .set('idempotency-key', key)
        .send({ tenant_id: shop.tenantId, interactions });
      expect([res.status, res.body.accepted, res.body.rejected]).toEqual([200, 2, 1]);
    };
    const key = `batch-${randomUUID()}`;
    await send(key);
    await untilIds(user, 2);
    const first = await idsOf(user);
    await send(key);
    await send(`other-${randomUUID()}`); // two new interactions, written after the resend
    await untilIds(user, 4);
    const rows = await compactedRows(user);
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.interaction_id)).size).toBe(4);
    for (const id of first) expect(rows.filter((r) => r.interaction_id === id)).toHaveLength(1);
  });
});
