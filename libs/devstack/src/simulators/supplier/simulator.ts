import { randomUUID } from 'node:crypto';
import { type ServerResponse } from 'node:http';
import { readJson, send, serve } from '../http';
import { signPayload } from '../signature';
import { generateCatalog, type SupplierProduct } from './catalog';
import { RateWindow } from './rate-window';

/**
 * supplier-simulator: a stand-in for the outside game-key supplier (seed 003's "G2A"), never the real
 * one. Wire format in libs/devstack/README.md. Everything it knows lives in memory; `POST /__control`
 * switches failure modes and changes the catalog for tests.
 */
export interface SupplierSimulatorOptions {
  port?: number;
  host?: string;
  products?: number;
  seed?: number;
  /** Where `POST /__control/fulfil` sends its signed webhooks, and the secret it signs them with. */
  webhookUrl?: string;
  webhookSecret?: string;
  ratePerMinute?: number;
}

export type SupplierMode = 'ok' | '5xx' | 'slow';

interface State {
  mode: SupplierMode;
  slowMs: number;
  delisted: Set<string>;
  requests: number;
}

export interface SupplierSimulator {
  url: string;
  port: number;
  products: SupplierProduct[];
  stop(): Promise<void>;
}

const notFound = (res: ServerResponse) =>
  send(res, 404, { error: { code: 'NOT_FOUND', message: 'No such product' } });

const list = (v: string | null) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

export async function startSupplierSimulator(
  opts: SupplierSimulatorOptions = {},
): Promise<SupplierSimulator> {
  const products = generateCatalog(opts.products ?? 3000, opts.seed ?? 42);
  const byId = new Map(products.map((p) => [p.product_id, p]));
  const state: State = { mode: 'ok', slowMs: 3000, delisted: new Set(), requests: 0 };
  const limiter = new RateWindow(opts.ratePerMinute ?? 600);
  let webhook = { url: opts.webhookUrl, secret: opts.webhookSecret ?? 'supplier-simulator-dev-secret' };
  const live = () => products.filter((p) => !state.delisted.has(p.product_id));

  async function supplierApi(res: ServerResponse, url: URL): Promise<void> {
    state.requests++;
    const wait = limiter.take();
    if (wait !== undefined)
      return send(
        res,
        429,
        { error: { code: 'RATE_LIMITED', message: 'Too many requests' } },
        { 'retry-after': String(wait) },
      );
    if (state.mode === '5xx')
      return send(res, 503, { error: { code: 'UNAVAILABLE', message: 'Supplier down' } });
    if (state.mode === 'slow') await new Promise((r) => setTimeout(r, state.slowMs));
    const stock = url.pathname.match(/^\/products\/([^/]+)\/stock$/);
    if (stock) {
      const p = byId.get(decodeURIComponent(stock[1]));
      if (!p || state.delisted.has(p.product_id)) return notFound(res);
      return send(res, 200, { product_id: p.product_id, stock: p.stock, available: p.stock > 0 });
    }
    const one = url.pathname.match(/^\/products\/([^/]+)$/);
    if (one) {
      const p = byId.get(decodeURIComponent(one[1]));
      return p && !state.delisted.has(p.product_id) ? send(res, 200, p) : notFound(res);
    }
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const perPage = Math.min(500, Math.max(1, Number(url.searchParams.get('per_page') ?? 100) || 100));
    const ids = list(url.searchParams.get('ids'));
    const categories = list(url.searchParams.get('categories'));
    const matching = live().filter(
      (p) => (!ids || ids.includes(p.product_id)) && (!categories || categories.includes(p.category)),
    );
    send(res, 200, {
      products: matching.slice((page - 1) * perPage, page * perPage),
      page,
      per_page: perPage,
      total: matching.length,
      total_pages: Math.ceil(matching.length / perPage),
    });
  }

  async function control(body: Record<string, unknown>): Promise<unknown> {
    if (body.reset) {
      state.mode = 'ok';
      state.delisted.clear();
      limiter.reset(opts.ratePerMinute ?? 600, 60_000);
    }
    if (body.mode === 'ok' || body.mode === '5xx' || body.mode === 'slow') state.mode = body.mode;
    if (typeof body.slow_ms === 'number') state.slowMs = body.slow_ms;
    for (const id of (body.delist as string[] | undefined) ?? []) state.delisted.add(id);
    for (const id of (body.relist as string[] | undefined) ?? []) state.delisted.delete(id);
    for (const [id, price] of Object.entries((body.prices as Record<string, number>) ?? {})) {
      const p = byId.get(id);
      if (p) p.price = price;
    }
    for (const [id, n] of Object.entries((body.stock as Record<string, number>) ?? {})) {
      const p = byId.get(id);
      if (p) p.stock = n;
    }
    const rl = body.rate_limit as { limit?: number; window_ms?: number } | undefined;
    if (rl) limiter.reset(rl.limit ?? 600, rl.window_ms ?? 60_000);
    if (typeof body.webhook_url === 'string') webhook = { ...webhook, url: body.webhook_url };
    return { mode: state.mode, delisted: [...state.delisted], requests: state.requests };
  }

  /** Sends one signed fulfilment webhook and says what the receiver answered. */
  async function fulfil(
    body: Record<string, unknown>,
  ): Promise<{ status: number; sent: unknown; answer: unknown }> {
    if (!webhook.url) throw new Error('no webhook URL configured');
    const failed = body.type === 'order.fulfilment_failed';
    const payload = {
      event_id: (body.event_id as string) ?? randomUUID(),
      type: failed ? 'order.fulfilment_failed' : 'order.fulfilled',
      order_id: body.order_id,
      occurred_at: new Date().toISOString(),
      payload: failed
        ? { reason: (body.reason as string) ?? 'out of stock at the supplier' }
        : { keys: (body.keys as string[]) ?? [randomUUID().toUpperCase()] },
    };
    const raw = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000) + Number(body.timestamp_offset_s ?? 0));
    const signature = signPayload(webhook.secret, timestamp, raw);
    const res = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-supplier-signature': signature,
        'x-supplier-timestamp': timestamp,
      },
      body: raw,
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, sent: payload, answer: await res.json().catch(() => undefined) };
  }

  const server = await serve(
    async (req, res, url) => {
      if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { status: 'ok' });
      if (req.method === 'GET' && url.pathname.startsWith('/products')) return supplierApi(res, url);
      if (req.method === 'GET' && url.pathname === '/__control') return send(res, 200, await control({}));
      if (req.method === 'POST' && url.pathname === '/__control')
        return send(res, 200, await control(await readJson(req)));
      if (req.method === 'POST' && url.pathname === '/__control/fulfil')
        return send(res, 200, await fulfil(await readJson(req)));
      return send(res, 404, { error: { code: 'NOT_FOUND', message: 'No such route' } });
    },
    opts.port,
    opts.host,
  );
  return { ...server, products };
}
