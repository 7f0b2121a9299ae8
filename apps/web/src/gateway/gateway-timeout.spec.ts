import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createLogger, createMetrics, listen } from '@platform/service-kit';
import express from 'express';
import { gateway, type ServiceUpstream } from './gateway';

/** A real HTTP server as order-service: it answers every request after `delayMs`. */
function slowUpstream(delayMs: number): Promise<Server> {
  const server = createServer((_req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), delayMs);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('gateway timeouts', () => {
  let upstream: Server;
  let front: Server;
  let base: string;

  beforeAll(async () => {
    upstream = await slowUpstream(800);
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const upstreams = Object.fromEntries(
      [
        'user-service',
        'order-service',
        'payment-service',
        'notification-worker',
        'ml-engine',
        'data-pipeline',
      ].map((s) => [s, url]),
    ) as Record<ServiceUpstream, string>;
    const app = express();
    app.use(
      gateway({
        upstreams,
        timeoutMs: 200,
        logger: createLogger('web', 'error'),
        metrics: createMetrics('web'),
      }),
    );
    front = await listen(app, 0);
    base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => front.close(r));
    await new Promise((r) => upstream.close(r));
  });

  it("answers 504 in the error envelope when a service is slower than the gateway's timeout", async () => {
    const res = await fetch(`${base}/api/items`);
    expect(res.status).toBe(504);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      details: { reason: 'timeout' },
    });
  });

  it('waits longer on a route with a timeout of its own (a catalog sync)', async () => {
    const res = await fetch(`${base}/api/catalog/sync`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
