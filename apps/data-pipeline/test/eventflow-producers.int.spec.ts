import { hashToken } from '@platform/auth';
import { randomUUID } from 'node:crypto';
import { eventflowClient } from './eventflow-client';
import { bearer, startDataPipeline, type DataPipeline } from './harness';

describe('EventFlow producers and their keys', () => {
  let svc: DataPipeline;
  let ef: ReturnType<typeof eventflowClient>;
  beforeAll(async () => {
    svc = await startDataPipeline();
    ef = eventflowClient(svc);
  });
  afterAll(() => svc?.stop());

  it('an admin or developer registers a producer whose key is shown once and stored only as a hash', async () => {
    const shop = await svc.accounts.newShop();
    const developer = await svc.accounts.addMember(shop.admin, 'developer');
    const res = await ef
      .api()
      .post('/api/v1/producers')
      .set(bearer(developer.token))
      .send({ name: 'web shop', description: 'storefront events' })
      .expect(201);
    expect(res.body).toEqual({
      producer_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      api_key: expect.stringMatching(/^evp_[A-Za-z0-9]{32}$/),
      created_at: expect.any(String),
    });
    const { rows } = await svc.pool.query('SELECT * FROM eventflow_producers WHERE id = $1', [
      res.body.producer_id,
    ]);
    expect(rows[0]).toMatchObject({ tenant_id: shop.tenantId, key_hash: hashToken(res.body.api_key) });
    expect(JSON.stringify(rows[0])).not.toContain(res.body.api_key);

    const list = await ef.api().get('/api/v1/producers').set(bearer(shop.token)).expect(200);
    expect(list.body.producers).toEqual([
      expect.objectContaining({
        producer_id: res.body.producer_id,
        name: 'web shop',
        description: 'storefront events',
        key_prefix: res.body.api_key.slice(0, 10),
        status: 'active',
      }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(res.body.api_key);
    // another shop sees none of them
    const other = await svc.accounts.newShop();
    expect((await ef.api().get('/api/v1/producers').set(bearer(other.token)).expect(200)).body).toEqual({
      producers: [],
    });
  });

  it('refuses viewers, API keys, services, no credential and invalid bodies', async () => {
    const shop = await svc.accounts.newShop();
    const viewer = await svc.accounts.addMember(shop.admin, 'viewer');
    const key = await svc.accounts.apiKey(shop.admin, ['read', 'write']);
    const post = () => ef.api().post('/api/v1/producers');
    const body = { name: 'p', description: '' };
    expect((await post().set(bearer(viewer.token)).send(body).expect(403)).body.error.code).toBe('FORBIDDEN');
    await post().set(bearer(key)).send(body).expect(403);
    await post().set(svc.serviceAuth('order-service')).send(body).expect(403);
    expect((await post().send(body).expect(401)).body.error.code).toBe('AUTHENTICATION_FAILED');
    await ef.api().get('/api/v1/producers').set(bearer(viewer.token)).expect(403);
    const bad = await post().set(bearer(shop.token)).send({ name: '', description: 5 }).expect(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_ERROR', request_id: expect.any(String) });
  });

  it("a producer's events land in its tenant only, and a revoked key stops at once; another tenant cannot revoke it", async () => {
    const a = await ef.shopWithProducer();
    const b = await ef.shopWithProducer();
    const idA = await ef.sendOk(a.key, 'cart.updated', { cart: 'a' });
    const idB = await ef.sendOk(b.key, 'cart.updated', { cart: 'b' });
    const storedA = await ef.waitForStored(a.token, 1);
    const storedB = await ef.waitForStored(b.token, 1);
    expect(storedA.items.map((e) => e.event_id)).toEqual([idA]);
    expect(storedB.items.map((e) => e.event_id)).toEqual([idB]);
    expect(storedA.items[0]).toMatchObject({ producer_id: a.producerId, payload: { cart: 'a' } });
    // b's admin cannot see or revoke a's producer
    await ef.api().delete(`/api/v1/producers/${a.producerId}`).set(bearer(b.token)).expect(404);
    await ef.api().delete(`/api/v1/producers/${randomUUID()}`).set(bearer(a.token)).expect(404);
    await ef.api().delete('/api/v1/producers/not-a-uuid').set(bearer(a.token)).expect(400);
    await ef.sendOk(a.key);

    await ef.api().delete(`/api/v1/producers/${a.producerId}`).set(bearer(a.token)).expect(204);
    const refused = await ef.send(a.key, { event_type: 'cart.updated', event_version: 1, payload: {} });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('AUTHENTICATION_FAILED');
    await ef.api().delete(`/api/v1/producers/${a.producerId}`).set(bearer(a.token)).expect(204);
    const list = await ef.api().get('/api/v1/producers').set(bearer(a.token)).expect(200);
    expect(list.body.producers[0]).toMatchObject({ status: 'revoked', revoked_at: expect.any(String) });
    await ef.sendOk(b.key); // b's key is untouched
  });
});
