import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import request from 'supertest';
import { generateCatalog } from './catalog';
import { startSupplierSimulator, type SupplierSimulator } from './simulator';

describe('supplier-simulator', () => {
  let sim: SupplierSimulator;
  const get = (path: string) => request(sim.url).get(path);
  const control = (body: object) => request(sim.url).post('/__control').send(body);

  beforeAll(async () => (sim = await startSupplierSimulator({ products: 250 })));
  afterAll(() => sim.stop());
  afterEach(() => control({ reset: true }));

  it('generates the same catalog from the same seed, another from another', () => {
    expect(generateCatalog(50, 7)).toEqual(generateCatalog(50, 7));
    expect(generateCatalog(50, 7)).not.toEqual(generateCatalog(50, 8));
    for (const p of generateCatalog(200)) {
      expect(p.category).toMatch(/^[a-z0-9-]+$/);
      expect(Math.round(p.price * 100)).toBeCloseTo(p.price * 100, 6);
    }
  });

  it('pages through the catalog and filters by ids and categories', async () => {
    const page3 = await get('/products?page=3&per_page=100');
    expect(page3.body).toMatchObject({ page: 3, per_page: 100, total: 250, total_pages: 3 });
    expect(page3.body.products).toHaveLength(50);
    expect(page3.body.products[0].product_id).toBe('sp-000201');
    const byIds = await get('/products?ids=sp-000002,sp-000009,nope');
    expect(byIds.body.products.map((p: { product_id: string }) => p.product_id)).toEqual([
      'sp-000002',
      'sp-000009',
    ]);
    const category = sim.products[0].category;
    const byCat = await get(`/products?categories=${category}&per_page=500`);
    expect(byCat.body.total).toBe(sim.products.filter((p) => p.category === category).length);
  });

  it('answers stock, 404 for an unknown or delisted product', async () => {
    expect((await get('/products/sp-000004/stock')).body).toEqual({
      product_id: 'sp-000004',
      stock: sim.products[3].stock,
      available: sim.products[3].stock > 0,
    });
    expect((await get('/products/sp-999999/stock')).status).toBe(404);
    await control({ delist: ['sp-000004'] });
    expect((await get('/products/sp-000004/stock')).status).toBe(404);
    expect((await get('/products?ids=sp-000004')).body.total).toBe(0);
  });

  it('answers 429 with Retry-After past its limit', async () => {
    await control({ rate_limit: { limit: 2, window_ms: 60_000 } });
    expect((await get('/products/sp-000001/stock')).status).toBe(200);
    expect((await get('/products/sp-000001/stock')).status).toBe(200);
    const limited = await get('/products/sp-000001/stock');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('fails with 503 in 5xx mode', async () => {
    await control({ mode: '5xx' });
    expect((await get('/products')).status).toBe(503);
    await control({ mode: 'ok' });
    expect((await get('/products')).status).toBe(200);
  });

  it('sends a fulfilment webhook signed over timestamp.body', async () => {
    const received: { headers: Record<string, unknown>; raw: string }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"applied"}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const other = await startSupplierSimulator({ products: 1, webhookUrl: url, webhookSecret: 's3cret' });
    try {
      const res = await request(other.url)
        .post('/__control/fulfil')
        .send({ order_id: 'o-1', event_id: 'e-1', keys: ['K-1'] });
      expect(res.body).toMatchObject({ status: 200, answer: { status: 'applied' } });
      const [hook] = received;
      const ts = hook.headers['x-supplier-timestamp'] as string;
      expect(hook.headers['x-supplier-signature']).toBe(
        createHmac('sha256', 's3cret').update(`${ts}.${hook.raw}`).digest('hex'),
      );
      expect(JSON.parse(hook.raw)).toMatchObject({
        event_id: 'e-1',
        type: 'order.fulfilled',
        order_id: 'o-1',
        payload: { keys: ['K-1'] },
      });
    } finally {
      await other.stop();
      await new Promise((r) => receiver.close(r));
    }
  });
});
