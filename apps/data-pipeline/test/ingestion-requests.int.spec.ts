import { ErrorEnvelopeSchema, IngestResponseSchema } from '@platform/contracts';
import request from 'supertest';
import { bearer, startDataPipeline, type DataPipeline } from './harness';

/** Who may call the ingestion routes, what a bad request gets, and seed 002 §9 through HTTP. */
describe('ingestion requests', () => {
  let svc: DataPipeline;
  let shop: Awaited<ReturnType<DataPipeline['accounts']['newShop']>>;
  const interaction = { user_id: 'u-1', item_id: 'i-1', interaction_type: 'view' };
  const item = { item_id: 'item_1', title: 'Phone' };

  beforeAll(async () => {
    svc = await startDataPipeline();
    shop = await svc.accounts.newShop();
  });
  afterAll(() => svc?.stop());

  const post = (path: string, auth: Record<string, string>, body: unknown) =>
    request(svc.url)
      .post(path)
      .set(auth)
      .send(body as object);
  const errorOf = (res: request.Response) => ErrorEnvelopeSchema.parse(res.body).error;
  const internalBody = (path: string, n = 1) =>
    path.endsWith('interactions')
      ? { tenant_id: shop.tenantId, interactions: Array(n).fill(interaction) }
      : { tenant_id: shop.tenantId, items: Array(n).fill(item) };

  describe.each(['/internal/data/interactions', '/internal/data/items'])('%s', (path) => {
    it('takes a service token of order-service, user-service and ml-engine', async () => {
      for (const caller of ['order-service', 'user-service', 'ml-engine']) {
        const res = await post(path, svc.serviceAuth(caller), internalBody(path));
        expect(res.status).toBe(200);
        expect(IngestResponseSchema.parse(res.body)).toEqual({
          accepted: 1,
          rejected: 0,
          validation_errors: [],
        });
      }
    });

    it.each([
      ['no credential', () => ({}), 401, 'AUTHENTICATION_FAILED'],
      [
        'a token for another audience',
        () => svc.serviceAuth('order-service', 'ml-engine'),
        401,
        'AUTHENTICATION_FAILED',
      ],
      ['a user token', () => bearer(shop.token), 401, 'AUTHENTICATION_FAILED'],
      ['a caller not listed', () => svc.serviceAuth('payment-service'), 403, 'FORBIDDEN'],
    ])('refuses %s', async (_name, auth, status, code) => {
      const res = await post(path, auth(), internalBody(path));
      expect(res.status).toBe(status);
      expect(errorOf(res).code).toBe(code);
    });

    it.each([
      ['no tenant_id', (b: Record<string, unknown>) => ({ ...b, tenant_id: undefined }), 'tenant_id'],
      [
        'a tenant_id that is no uuid',
        (b: Record<string, unknown>) => ({ ...b, tenant_id: 'shop-1' }),
        'tenant_id',
      ],
      ['no records', (b: Record<string, unknown>) => ({ tenant_id: b.tenant_id }), ''],
      [
        'an empty list',
        (b: Record<string, unknown>) => ({ tenant_id: b.tenant_id, interactions: [], items: [] }),
        '',
      ],
    ])('answers 400 VALIDATION_ERROR for %s', async (_name, change, field) => {
      const res = await post(path, svc.serviceAuth(), change(internalBody(path)));
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_ERROR' });
      if (field) expect(errorOf(res).details).toMatchObject({ field });
    });

    it('answers 400 for 10,001 records and takes 10,000', async () => {
      const over = await post(path, svc.serviceAuth(), internalBody(path, 10_001));
      expect(over.status).toBe(400);
      expect(errorOf(over).message).toContain('at most 10000 records');
      const full = await post(path, svc.serviceAuth(), internalBody(path, 10_000));
      expect(full.status).toBe(200);
      expect(full.body).toMatchObject({ accepted: 10_000, rejected: 0 });
    });
  });

  describe('public routes', () => {
    const routes = [
      ['/api/v1/interactions', interaction, 202],
      ['/api/v1/items', { items: [item] }, 200],
    ] as const;

    it.each(routes)(
      '%s: an API key with write and an admin or developer may write',
      async (path, body, status) => {
        const key = await svc.accounts.apiKey(shop.admin, ['read', 'write']);
        const developer = await svc.accounts.addMember(shop.admin, 'developer');
        for (const token of [key, shop.token, developer.token]) {
          expect((await post(path, bearer(token), body)).status).toBe(status);
        }
      },
    );

    it.each(routes)(
      '%s: 401 without a credential, 403 for a read-only key and a viewer',
      async (path, body) => {
        const none = await post(path, {}, body);
        expect([none.status, errorOf(none).code]).toEqual([401, 'AUTHENTICATION_FAILED']);
        const readOnly = await svc.accounts.apiKey(shop.admin, ['read']);
        const viewer = await svc.accounts.addMember(shop.admin, 'viewer');
        for (const token of [readOnly, viewer.token]) {
          const res = await post(path, bearer(token), body);
          expect([res.status, errorOf(res).code]).toEqual([403, 'FORBIDDEN']);
        }
        const service = await post(path, svc.serviceAuth(), body);
        expect(service.status).toBe(403);
      },
    );

    it.each(routes)(
      '%s: refuses a tenant_id in the body (the tenant is the credential’s)',
      async (path, body) => {
        const other = await svc.accounts.newShop();
        const res = await post(path, bearer(shop.token), { ...body, tenant_id: other.tenantId });
        expect(res.status).toBe(400);
        expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'tenant_id' } });
      },
    );

    it('a single invalid interaction is a 400 naming the field', async () => {
      const res = await post('/api/v1/interactions', bearer(shop.token), {
        ...interaction,
        interaction_type: 'share',
      });
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatchObject({
        code: 'VALIDATION_ERROR',
        details: { field: 'interaction_type', reason: expect.stringContaining('must be one of') },
      });
      const missing = await post('/api/v1/interactions', bearer(shop.token), {
        item_id: 'i-1',
        interaction_type: 'view',
      });
      expect(errorOf(missing).details).toEqual({
        field: 'user_id',
        reason: 'Missing required field: user_id',
      });
    });

    it('items: takes a batch of several MB (beyond the 1 MB default) and refuses 10,001 items', async () => {
      const items = Array.from({ length: 10_000 }, (_, i) => ({
        ...item,
        item_id: `sku-${i}`,
        description: 'd'.repeat(300),
      }));
      expect(JSON.stringify(items).length).toBeGreaterThan(3_000_000);
      const res = await post('/api/v1/items', bearer(shop.token), { items });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accepted: 10_000, rejected: 0 });
      const over = await post('/api/v1/items', bearer(shop.token), { items: [...items, item] });
      expect([over.status, errorOf(over).code]).toEqual([400, 'VALIDATION_ERROR']);
    });

    it('answers 202 with the interaction id', async () => {
      const res = await post('/api/v1/interactions', bearer(shop.token), interaction);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        status: 'accepted',
        interaction_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    });

    it('items: an envelope without items is a 400, invalid items are reported in a 200', async () => {
      expect((await post('/api/v1/items', bearer(shop.token), { items: [] })).status).toBe(400);
      const res = await post('/api/v1/items', bearer(shop.token), { items: [item, { item_id: 'no_title' }] });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accepted: 1,
        rejected: 1,
        validation_errors: [
          { index: 1, item_id: 'no_title', field: 'title', error: 'Missing required field: title' },
        ],
      });
    });
  });

  it('reports every seed 002 §9 boundary by index: the good side accepted, the bad side refused', async () => {
    const cases: [Record<string, unknown>, string | null][] = [
      [{ user_id: 'u'.repeat(128) }, null],
      [{ user_id: 'u'.repeat(129) }, 'user_id'],
      [{ item_id: 'i'.repeat(128) }, null],
      [{ item_id: 'i'.repeat(129) }, 'item_id'],
      [{ user_id: 'a/b' }, 'user_id'],
      [{ item_id: 'é' }, 'item_id'],
      ...['view', 'click', 'purchase', 'like', 'dislike', 'add_to_cart', 'remove_from_cart'].map(
        (t) => [{ interaction_type: t }, null] as [Record<string, unknown>, null],
      ),
      [{ interaction_type: 'share' }, 'interaction_type'],
      [{ timestamp: '2025-01-07T10:30:45Z' }, null],
      [{ timestamp: '2025-01-07T10:30:45+00:00' }, null],
      [{ timestamp: '2025-01-07T10:30:45+01:00' }, 'timestamp'],
      [{ timestamp: '2025-01-07T10:30:45' }, 'timestamp'],
      [{ timestamp: undefined }, null],
    ];
    const res = await post('/internal/data/interactions', svc.serviceAuth(), {
      tenant_id: shop.tenantId,
      interactions: cases.map(([over]) => ({ ...interaction, ...over })),
    });
    const refused = cases.flatMap(([, field], index) => (field ? [{ index, field }] : []));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: cases.length - refused.length, rejected: refused.length });
    expect(
      res.body.validation_errors.map((e: { index: number; field: string }) => ({
        index: e.index,
        field: e.field,
      })),
    ).toEqual(refused);

    const items: [Record<string, unknown>, string | null][] = [
      [{ category: 'c'.repeat(64) }, null],
      [{ category: 'c'.repeat(65) }, 'category'],
      [{ category: 'Electronics' }, 'category'],
      [{ tags: Array.from({ length: 20 }, (_, i) => `t${i}`) }, null],
      [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
      [{ tags: ['t'.repeat(32)] }, null],
      [{ tags: ['t'.repeat(33)] }, 'tags[0]'],
      [{ title: undefined }, 'title'],
    ];
    const itemsRes = await post('/internal/data/items', svc.serviceAuth(), {
      tenant_id: shop.tenantId,
      items: items.map(([over]) => ({ ...item, ...over })),
    });
    expect(
      itemsRes.body.validation_errors.map((e: { index: number; field: string }) => ({
        index: e.index,
        field: e.field,
      })),
    ).toEqual(items.flatMap(([, field], index) => (field ? [{ index, field }] : [])));
  });

  it('counts ingestion_records_total by kind and result', async () => {
    const count = async (kind: string, result: string) => {
      const text = (await request(svc.url).get('/metrics')).text;
      const line = new RegExp(
        `^ingestion_records_total\\{kind="${kind}",result="${result}"[^}]*\\} (\\d+)$`,
        'm',
      );
      return Number(line.exec(text)?.[1] ?? 0);
    };
    const kinds = ['interaction', 'item'].flatMap((kind) =>
      ['accepted', 'rejected'].map((result) => ({ kind, result })),
    );
    const before = await Promise.all(kinds.map((k) => count(k.kind, k.result)));
    const bad = { ...interaction, user_id: 'no spaces' };
    await post('/internal/data/interactions', svc.serviceAuth(), {
      tenant_id: shop.tenantId,
      interactions: [interaction, interaction, bad],
    });
    await post('/internal/data/items', svc.serviceAuth(), {
      tenant_id: shop.tenantId,
      items: [item, { item_id: 'x' }],
    });
    const after = await Promise.all(kinds.map((k) => count(k.kind, k.result)));
    expect(after.map((n, i) => n - before[i])).toEqual([2, 1, 1, 1]);
  });
});
