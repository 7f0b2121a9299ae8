import { randomUUID } from 'node:crypto';
import { ConsumerListResponseSchema } from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import { eventflowClient } from './eventflow-client';
import { bearer, startDataPipeline, type DataPipeline } from './harness';

type Auth = Record<string, string>;

describe('EventFlow consumers and their cursors', () => {
  let svc: DataPipeline;
  let ef: ReturnType<typeof eventflowClient>;
  beforeAll(async () => {
    svc = await startDataPipeline();
    ef = eventflowClient(svc);
  });
  afterAll(() => svc?.stop());

  const register = (auth: Auth, body: object) => ef.api().post('/api/v1/consumers').set(auth).send(body);
  const fetchNext = (auth: Auth, id: string, limit = 100) =>
    ef.api().get(`/api/v1/consumers/${id}/events`).set(auth).query({ limit });
  const commit = (auth: Auth, id: string, cursor: string) =>
    ef.api().post(`/api/v1/consumers/${id}/commit`).set(auth).send({ cursor });
  const ids = (body: { events: { event_id: string }[] }) => body.events.map((e) => e.event_id);

  it('gives the same events until they are committed, then the next; cursors are checked', async () => {
    const p = await ef.shopWithProducer();
    const auth = bearer(p.token);
    const early = await ef.sendOk(p.key, 'order.placed');
    await ef.waitForStored(p.token, 1);
    const latest = (
      await register(auth, { name: 'mailer', subscribed_event_types: ['order.placed'] }).expect(201)
    ).body;
    expect(latest).toMatchObject({
      name: 'mailer',
      subscribed_event_types: ['order.placed'],
      cursor: expect.any(String),
    });
    const earliest = (
      await register(auth, {
        name: 'audit',
        subscribed_event_types: ['order.placed', 'order.paid'],
        start: 'earliest',
      }).expect(201)
    ).body;
    const sent = [
      await ef.sendOk(p.key, 'order.placed'),
      await ef.sendOk(p.key, 'ignored.type'),
      await ef.sendOk(p.key, 'order.paid'),
    ];
    await ef.waitForStored(p.token, 4);

    // latest: only what came after it registered, of its types
    const first = (await fetchNext(auth, latest.consumer_id).expect(200)).body;
    expect(ids(first)).toEqual([sent[0]]);
    expect(first.events[0]).toMatchObject({
      event_type: 'order.placed',
      producer_id: p.producerId,
      payload: { n: 1 },
    });
    // not committed: the same again
    expect(ids((await fetchNext(auth, latest.consumer_id).expect(200)).body)).toEqual([sent[0]]);
    // earliest, independent of the other: everything of its two types, one page at a time
    const page1 = (await fetchNext(auth, earliest.consumer_id, 2).expect(200)).body;
    expect(ids(page1)).toEqual([early, sent[0]]);

    await commit(auth, latest.consumer_id, first.next_cursor).expect(200);
    const after = (await fetchNext(auth, latest.consumer_id).expect(200)).body;
    expect(after.events).toEqual([]);
    expect(after.next_cursor).toBe(first.next_cursor);
    // committing again, or an older cursor, changes nothing
    const again = await commit(auth, latest.consumer_id, first.next_cursor).expect(200);
    expect(again.body).toEqual({ consumer_id: latest.consumer_id, cursor: first.next_cursor });
    await commit(auth, latest.consumer_id, latest.cursor).expect(200);
    expect(ids((await fetchNext(auth, latest.consumer_id).expect(200)).body)).toEqual([]);

    // the other consumer moved not at all with it
    expect(ids((await fetchNext(auth, earliest.consumer_id, 2).expect(200)).body)).toEqual([early, sent[0]]);
    await commit(auth, earliest.consumer_id, page1.next_cursor).expect(200);
    expect(ids((await fetchNext(auth, earliest.consumer_id).expect(200)).body)).toEqual([sent[2]]);

    // another consumer's cursor: 400; beyond what was handed out: 409; not a cursor: 400
    expect((await commit(auth, earliest.consumer_id, first.next_cursor).expect(400)).body.error.code).toBe(
      'VALIDATION_ERROR',
    );
    const ahead = Buffer.from(`c1:${latest.consumer_id}:999999999`).toString('base64url');
    expect((await commit(auth, latest.consumer_id, ahead).expect(409)).body.error.code).toBe(
      'CURSOR_NOT_DELIVERED',
    );
    await commit(auth, latest.consumer_id, 'garbage').expect(400);
    await ef.api().post(`/api/v1/consumers/${latest.consumer_id}/commit`).set(auth).send({}).expect(400);
  });

  it('who may: admins, developers and services naming the tenant; never another tenant', async () => {
    const p = await ef.shopWithProducer();
    const body = { name: 'c', subscribed_event_types: ['x'] };
    const developer = await svc.accounts.addMember(p.admin, 'developer');
    const viewer = await svc.accounts.addMember(p.admin, 'viewer');
    await register(bearer(developer.token), body).expect(201);
    await register(bearer(viewer.token), body).expect(403);
    await register(bearer(await svc.accounts.apiKey(p.admin, ['read', 'write'])), body).expect(403);
    await register({}, body).expect(401);
    await register(bearer(p.key), body).expect(401);
    for (const bad of [
      { name: 'c', subscribed_event_types: [] },
      { name: 'c', subscribed_event_types: ['bad type'] },
      { name: 'c', subscribed_event_types: ['x'], start: 'middle' },
    ])
      await register(bearer(p.token), bad).expect(400);

    // a service names the tenant in X-Tenant-Id (required, a uuid)
    const service = svc.serviceAuth('notification-worker');
    await register(service, body).expect(400);
    await register({ ...service, 'x-tenant-id': 'shop-1' }, body).expect(400);
    const byService = (
      await register({ ...service, 'x-tenant-id': p.tenantId }, { ...body, start: 'earliest' }).expect(201)
    ).body;
    const event = await ef.sendOk(p.key, 'x');
    await eventually(
      async () =>
        ids(
          (await fetchNext({ ...service, 'x-tenant-id': p.tenantId }, byService.consumer_id).expect(200))
            .body,
        ).includes(event),
      { what: 'the event for the service consumer' },
    );
    // the tenant's admin sees the same consumer; another tenant, or a service naming another tenant, does not
    expect(ids((await fetchNext(bearer(p.token), byService.consumer_id).expect(200)).body)).toEqual([event]);
    const stranger = await ef.shopWithProducer();
    await ef.sendOk(stranger.key, 'x');
    await fetchNext(bearer(stranger.token), byService.consumer_id).expect(404);
    await fetchNext({ ...service, 'x-tenant-id': stranger.tenantId }, byService.consumer_id).expect(404);
    await commit(bearer(stranger.token), byService.consumer_id, byService.cursor).expect(404);
    await fetchNext(bearer(p.token), randomUUID()).expect(404);
    await fetchNext(bearer(p.token), 'not-an-id').expect(400);
    await fetchNext(bearer(p.token), byService.consumer_id, 0).expect(400);
    // the stranger's own earliest consumer sees only the stranger's event
    const theirs = (await register(bearer(stranger.token), { ...body, start: 'earliest' }).expect(201)).body;
    await eventually(
      async () =>
        (await fetchNext(bearer(stranger.token), theirs.consumer_id).expect(200)).body.events.length === 1,
    );
    expect(
      (await fetchNext(bearer(stranger.token), theirs.consumer_id).expect(200)).body.events[0].producer_id,
    ).toBe(stranger.producerId);
  });

  it('lists the tenant’s consumers newest first with their committed cursor and when it moved; admins, developers and services only', async () => {
    const p = await ef.shopWithProducer();
    const auth = bearer(p.token);
    const list = (a: Auth, query: object = {}) => ef.api().get('/api/v1/consumers').set(a).query(query);
    expect((await list(auth).expect(200)).body).toEqual({ consumers: [], total: 0 });

    const first = (
      await register(auth, { name: 'first', subscribed_event_types: ['a.b'], start: 'earliest' }).expect(201)
    ).body;
    const second = (await register(auth, { name: 'second', subscribed_event_types: ['c', 'd'] }).expect(201))
      .body;
    const listed = ConsumerListResponseSchema.parse((await list(auth).expect(200)).body);
    expect(listed.total).toBe(2);
    expect(listed.consumers).toEqual([
      { ...second, committed_at: null },
      { ...first, committed_at: null },
    ]);

    // a commit moves the listed cursor and stamps when
    const event = await ef.sendOk(p.key, 'a.b');
    let page = { events: [] as { event_id: string }[], next_cursor: '' };
    await eventually(
      async () => {
        page = (await fetchNext(auth, first.consumer_id).expect(200)).body;
        return ids(page).includes(event);
      },
      { what: 'the event for the first consumer' },
    );
    await commit(auth, first.consumer_id, page.next_cursor).expect(200);
    const moved = ConsumerListResponseSchema.parse((await list(auth).expect(200)).body).consumers;
    expect(moved[1]).toMatchObject({ consumer_id: first.consumer_id, cursor: page.next_cursor });
    expect(moved[1]!.cursor).not.toBe(first.cursor);
    expect(moved[1]!.committed_at).not.toBeNull();
    expect(Date.parse(moved[1]!.committed_at!)).toBeGreaterThanOrEqual(Date.parse(first.created_at));
    expect(moved[0]).toMatchObject({ consumer_id: second.consumer_id, committed_at: null });

    // pages
    const paged = (await list(auth, { limit: 1, offset: 1 }).expect(200)).body;
    expect(paged.total).toBe(2);
    expect(paged.consumers.map((c: { consumer_id: string }) => c.consumer_id)).toEqual([first.consumer_id]);
    for (const bad of [{ limit: 0 }, { limit: 101 }, { offset: -1 }, { limit: 'x' }])
      await list(auth, bad).expect(400);

    // who may: a developer and a service naming the tenant; not a viewer, an API key, nobody
    const developer = await svc.accounts.addMember(p.admin, 'developer');
    expect((await list(bearer(developer.token)).expect(200)).body.total).toBe(2);
    const service = svc.serviceAuth('notification-worker');
    expect((await list({ ...service, 'x-tenant-id': p.tenantId }).expect(200)).body.total).toBe(2);
    await list(service).expect(400);
    const viewer = await svc.accounts.addMember(p.admin, 'viewer');
    expect((await list(bearer(viewer.token)).expect(403)).body.error.code).toBe('FORBIDDEN');
    await list(bearer(await svc.accounts.apiKey(p.admin, ['read', 'write']))).expect(403);
    await list({}).expect(401);

    // another tenant sees only its own
    const stranger = await ef.shopWithProducer();
    const theirs = (await register(bearer(stranger.token), { name: 'x', subscribed_event_types: ['x'] }))
      .body;
    const strangers = (await list(bearer(stranger.token)).expect(200)).body;
    expect(strangers.consumers.map((c: { consumer_id: string }) => c.consumer_id)).toEqual([
      theirs.consumer_id,
    ]);
    expect((await list({ ...service, 'x-tenant-id': stranger.tenantId }).expect(200)).body.total).toBe(1);
  });

  it('a consumer committing each page during concurrent ingestion of 500 events from 4 producers sees each once, in order', async () => {
    const shop = await ef.shopWithProducer();
    const auth = bearer(shop.token);
    const keys = [shop.key];
    for (let i = 0; i < 3; i++)
      keys.push(
        (
          await ef
            .api()
            .post('/api/v1/producers')
            .set(auth)
            .send({ name: `p${i}`, description: '' })
            .expect(201)
        ).body.api_key,
      );
    const consumer = (
      await register(auth, { name: 'all', subscribed_event_types: ['tick'], start: 'earliest' }).expect(201)
    ).body;
    const lazy = (
      await register(auth, { name: 'lazy', subscribed_event_types: ['tick'], start: 'earliest' }).expect(201)
    ).body;

    const accepted: string[] = [];
    const sending = Promise.all(
      keys.map(async (key, k) => {
        for (let i = 0; i < 125; i++) accepted.push(await ef.sendOk(key, 'tick', { k, i }));
      }),
    );
    const seen: string[] = [];
    await eventually(
      async () => {
        const page = (await fetchNext(auth, consumer.consumer_id, 37).expect(200)).body;
        seen.push(...ids(page));
        if (page.events.length) await commit(auth, consumer.consumer_id, page.next_cursor).expect(200);
        return seen.length >= 500;
      },
      { what: '500 events through the consumer', timeoutMs: 60_000 },
    );
    await sending;
    expect(seen).toHaveLength(500);
    expect(new Set(seen)).toEqual(new Set(accepted));
    // in stored order
    const { rows } = await svc.pool.query<{ event_id: string }>(
      'SELECT event_id FROM eventflow_events WHERE event_id = ANY($1) ORDER BY seq',
      [seen],
    );
    expect(rows.map((r) => r.event_id)).toEqual(seen);
    // the lazy consumer never committed: it gets the first page again, unaffected by the other
    const lazyPage = (await fetchNext(auth, lazy.consumer_id, 10).expect(200)).body;
    expect(ids(lazyPage)).toEqual(seen.slice(0, 10));
    expect(ids((await fetchNext(auth, lazy.consumer_id, 10).expect(200)).body)).toEqual(seen.slice(0, 10));
  });
});
