import { randomUUID } from 'node:crypto';
import { eventflowClient } from './eventflow-client';
import { bearer, startDataPipeline, type DataPipeline } from './harness';

describe('EventFlow events: ingestion and queries', () => {
  let svc: DataPipeline;
  let ef: ReturnType<typeof eventflowClient>;
  beforeAll(async () => {
    svc = await startDataPipeline();
    ef = eventflowClient(svc);
  });
  afterAll(() => svc?.stop());

  it('accepts a valid event with 202 once on Kafka, and stores it once in the producer’s tenant', async () => {
    const p = await ef.shopWithProducer();
    const before = Date.now();
    const res = await ef
      .send(p.key, { event_type: 'user.signed_up', event_version: 2, payload: { plan: 'pro', n: [1, 2] } })
      .expect(202);
    expect(res.body).toEqual({
      event_id: expect.any(String),
      status: 'ACCEPTED',
      received_at: expect.any(String),
    });
    expect(Date.parse(res.body.received_at)).toBeGreaterThanOrEqual(before - 1000);
    const stored = await ef.waitForStored(p.token, 1);
    expect(stored.items).toEqual([
      {
        event_id: res.body.event_id,
        event_type: 'user.signed_up',
        event_version: 2,
        producer_id: p.producerId,
        payload: { plan: 'pro', n: [1, 2] },
        received_at: res.body.received_at,
      },
    ]);
    const { rows } = await svc.pool.query('SELECT tenant_id FROM eventflow_events WHERE event_id = $1', [
      res.body.event_id,
    ]);
    expect(rows).toEqual([{ tenant_id: p.tenantId }]);
  });

  it('refuses invalid events with 400, a payload over 256 KB with 413, other credentials with 401/403', async () => {
    const p = await ef.shopWithProducer();
    const invalid = [
      { event_type: '1starts-with-digit', event_version: 1, payload: {} },
      { event_type: 'has space', event_version: 1, payload: {} },
      { event_type: 'x'.repeat(129), event_version: 1, payload: {} },
      { event_type: 'ok', event_version: 0, payload: {} },
      { event_type: 'ok', event_version: 1.5, payload: {} },
      { event_type: 'ok', event_version: 1, payload: [1, 2] },
      { event_type: 'ok', event_version: 1, payload: 'text' },
      { event_type: 'ok', event_version: 1 },
    ];
    for (const body of invalid) {
      const res = await ef.send(p.key, body);
      expect([res.status, res.body.error?.code]).toEqual([400, 'VALIDATION_ERROR']);
    }
    // at the limit it passes, one byte more is refused (payload serialized: {"s":"…"} is 8 bytes + s)
    const limit = 256 * 1024;
    await ef
      .send(p.key, { event_type: 'big', event_version: 1, payload: { s: 'a'.repeat(limit - 8) } })
      .expect(202);
    const big = await ef.send(p.key, {
      event_type: 'big',
      event_version: 1,
      payload: { s: 'a'.repeat(limit - 7) },
    });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit_bytes: limit } });

    const ok = { event_type: 'ok', event_version: 1, payload: {} };
    await ef.send(`evp_${'A'.repeat(32)}`, ok).expect(401);
    expect((await ef.api().post('/api/v1/events').send(ok).expect(401)).body.error.code).toBe(
      'AUTHENTICATION_FAILED',
    );
    expect((await ef.send(p.token, ok).expect(403)).body.error.code).toBe('FORBIDDEN');
    await ef.send(await svc.accounts.apiKey(p.admin, ['read', 'write']), ok).expect(403);
    // a refused event is not stored: only the one at the limit is
    const stored = await ef.waitForStored(p.token, 1);
    expect(stored.items.map((e) => e.event_type)).toEqual(['big']);
  });

  it('a resend with the same Idempotency-Key is the same event, stored once (per producer)', async () => {
    const p = await ef.shopWithProducer();
    const other = await ef
      .api()
      .post('/api/v1/producers')
      .set(bearer(p.token))
      .send({ name: 'other', description: '' })
      .expect(201);
    const body = { event_type: 'checkout', event_version: 1, payload: { n: 1 } };
    const send = (key: string, idempotencyKey: string) =>
      ef.send(key, body).set('idempotency-key', idempotencyKey).expect(202);
    const first = (await send(p.key, 'resend-0001')).body.event_id;
    expect((await send(p.key, 'resend-0001')).body.event_id).toBe(first);
    const otherProducer = (await send(other.body.api_key, 'resend-0001')).body.event_id;
    // after the resend on the same partition (keyed by producer): once it is stored, the resend was handled
    const last = (await send(p.key, 'resend-0002')).body.event_id;
    expect(new Set([first, otherProducer, last]).size).toBe(3);
    const stored = await ef.waitForStored(p.token, 3);
    expect(stored.items.map((e) => e.event_id).sort()).toEqual([first, otherProducer, last].sort());
    const bad = await ef.send(p.key, body).set('idempotency-key', 'short');
    expect([bad.status, bad.body.error?.code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('queries filter by type, producer and time, page newest first with next, and never show another tenant', async () => {
    const shop = await ef.shopWithProducer();
    const second = await ef
      .api()
      .post('/api/v1/producers')
      .set(bearer(shop.token))
      .send({ name: 'second', description: '' })
      .expect(201);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await ef.sendOk(shop.key, i % 2 ? 'odd' : 'even', { i }));
    const other = await ef.sendOk(second.body.api_key, 'even', { i: 'other' });
    const all = await ef.waitForStored(shop.token, 8);
    expect(all).toMatchObject({ total: 8, total_capped: false });
    expect(new Set(all.items.map((e) => e.event_id))).toEqual(new Set([...ids, other]));
    const t = all.items.map((e) => e.received_at);
    expect([...t].sort().reverse()).toEqual(t);

    const odd = (await ef.query(shop.token, { event_type: 'odd' }).expect(200)).body;
    expect(odd.items.map((e: { event_id: string }) => e.event_id)).toEqual([ids[5], ids[3], ids[1]]);
    expect(odd.total).toBe(3);
    const bySecond = (await ef.query(shop.token, { producer_id: second.body.producer_id }).expect(200)).body;
    expect(bySecond.items.map((e: { event_id: string }) => e.event_id)).toEqual([other]);
    const evenFirst = (
      await ef.query(shop.token, { event_type: 'even', producer_id: shop.producerId }).expect(200)
    ).body;
    expect(evenFirst.total).toBe(4);

    // from is inclusive, to exclusive
    const window = (await ef.query(shop.token, { from: t[5]!, to: t[1]! }).expect(200)).body;
    const inWindow = all.items.filter((_e, i) => t[i]! >= t[5]! && t[i]! < t[1]!).map((e) => e.event_id);
    expect(inWindow.length).toBeGreaterThan(1);
    expect(window.items.map((e: { event_id: string }) => e.event_id)).toEqual(inWindow);
    // the same instants written with an offset ISO 8601 allows and PostgreSQL does not (-19:54): the same
    // window, not a 500 (schemathesis found it)
    const far = (iso: string) => {
      const local = new Date(Date.parse(iso) - (19 * 60 + 54) * 60_000).toISOString().slice(0, 23);
      return `${local}-19:54`;
    };
    const farWindow = (await ef.query(shop.token, { from: far(t[5]!), to: far(t[1]!) }).expect(200)).body;
    expect(farWindow.items.map((e: { event_id: string }) => e.event_id)).toEqual(inWindow);

    // pages of 3 walk every event once, in the same order, then stop
    const walked: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = (await ef.query(shop.token, { limit: 3, ...(cursor ? { cursor } : {}) }).expect(200)).body;
      walked.push(...page.items.map((e: { event_id: string }) => e.event_id));
      expect(page.total).toBe(8);
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(walked).toEqual(all.items.map((e) => e.event_id));

    // another tenant's users and read keys see nothing of it; a read key and a developer of the tenant see it all
    const stranger = await svc.accounts.newShop();
    expect((await ef.query(stranger.token).expect(200)).body).toMatchObject({ items: [], total: 0 });
    expect((await ef.query(stranger.token, { producer_id: shop.producerId }).expect(200)).body.items).toEqual(
      [],
    );
    const readKey = await svc.accounts.apiKey(shop.admin, ['read']);
    expect((await ef.query(readKey).expect(200)).body.total).toBe(8);
    const developer = await svc.accounts.addMember(shop.admin, 'developer');
    expect((await ef.query(developer.token).expect(200)).body.total).toBe(8);
    // a viewer is a shop's buyer: the tenant's event stream is not theirs to read
    const viewer = await svc.accounts.addMember(shop.admin, 'viewer');
    expect((await ef.query(viewer.token).expect(403)).body.error.code).toBe('FORBIDDEN');
  });

  it('refuses bad filters and cursors with 400, and no credential or a producer key with 401', async () => {
    const shop = await ef.shopWithProducer();
    const bad: Record<string, string | number>[] = [
      { limit: 0 },
      { limit: 1001 },
      { producer_id: 'nope' },
      { from: 'yesterday' },
      { event_type: 'bad type' },
      { cursor: 'bm90LWEtY3Vyc29y' },
      { cursor: '!!' },
    ];
    for (const q of bad) {
      const res = await ef.query(shop.token, q);
      expect([res.status, res.body.error?.code, q]).toEqual([400, 'VALIDATION_ERROR', q]);
    }
    await ef.api().get('/api/v1/events').expect(401);
    await ef.query(shop.key).expect(401);
    await ef.query(shop.token, { producer_id: randomUUID() }).expect(200);
  });
});
