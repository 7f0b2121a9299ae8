import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createServiceTokens } from '@platform/auth';
import { eventually } from '@platform/devstack/testing';
import {
  createLogger,
  createMetrics,
  createService,
  runWithContext,
  type Metrics,
} from '@platform/service-kit';
import express from 'express';
import request from 'supertest';
import { BreakerRegistry } from './breaker-registry';
import { ServiceClient } from './service-client';

/** A real HTTP server whose answers the test scripts, standing in for a downstream service. */
function downstream() {
  const calls: { path: string; headers: Record<string, unknown> }[] = [];
  let script: (path: string) => { status: number; body?: unknown; delayMs?: number } = () => ({
    status: 200,
    body: { ok: true },
  });
  const app = express();
  app.use((req, res) => {
    calls.push({ path: req.path, headers: req.headers });
    const { status, body, delayMs } = script(req.path);
    setTimeout(() => res.status(status).json(body ?? {}), delayMs ?? 0);
  });
  let server: Server;
  return {
    calls,
    answer: (fn: typeof script) => (script = fn),
    start: () =>
      new Promise<string>(
        (resolve) =>
          (server = app.listen(0, '127.0.0.1', () =>
            resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
          )),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('ServiceClient', () => {
  const target = downstream();
  let baseUrl: string;
  let metrics: Metrics;
  let registry: BreakerRegistry;
  const client = (opts: Partial<ConstructorParameters<typeof ServiceClient>[0]> = {}) =>
    new ServiceClient({
      name: 'order_service',
      baseUrl,
      registry,
      timeoutMs: 300,
      retries: 2,
      retryDelayMs: 10,
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 300 },
      ...opts,
    });

  beforeAll(async () => void (baseUrl = await target.start()));
  afterAll(() => target.stop());
  beforeEach(() => {
    target.calls.length = 0;
    metrics = createMetrics('payment-service', { defaults: false });
    registry = new BreakerRegistry(metrics);
  });
  afterEach(() => registry.shutdown());

  it('returns the JSON body and propagates request id, traceparent and service token', async () => {
    target.answer(() => ({ status: 200, body: { id: 'o1' } }));
    const tokens = createServiceTokens('a-test-secret-of-at-least-32-bytes!!');
    const c = client({ serviceToken: { tokens, caller: 'payment-service', audience: 'order-service' } });
    const ctx = { request_id: 'req-1', trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16) };
    await expect(runWithContext(ctx, () => c.get('/api/orders/o1'))).resolves.toEqual({ id: 'o1' });
    expect(target.calls[0].headers).toMatchObject({
      'x-request-id': 'req-1',
      traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`,
    });
    // a token for the service it calls: good there, refused by any other
    const sent = String(target.calls[0].headers.authorization).replace(/^Bearer /, '');
    expect(tokens.verify(sent, 'order-service')).toBe('payment-service');
    expect(() => tokens.verify(sent, 'user-service')).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('retries an idempotent GET after a 5xx, but never a POST', async () => {
    let n = 0;
    target.answer(() => (++n < 3 ? { status: 503 } : { status: 200, body: { ok: true } }));
    await expect(client().get('/x')).resolves.toEqual({ ok: true });
    expect(target.calls).toHaveLength(3);

    target.calls.length = 0;
    target.answer(() => ({ status: 500 }));
    await expect(client().post('/x', { a: 1 })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      retriable: true,
    });
    expect(target.calls).toHaveLength(1);
  });

  it('passes a 4xx through with the upstream code, without retrying or counting it', async () => {
    target.answer(() => ({
      status: 404,
      body: { error: { code: 'ORDER_003', message: 'Order not found', details: { order_id: 'missing' } } },
    }));
    const c = client();
    for (let i = 0; i < 5; i++) {
      await expect(c.get('/api/orders/missing')).rejects.toMatchObject({
        code: 'ORDER_003',
        status: 404,
        retriable: false,
        details: { order_id: 'missing', dependency: 'order_service' },
      });
    }
    expect(target.calls).toHaveLength(5);
    expect(registry.status().order_service).toEqual({
      state: 'closed',
      failure_count: 0,
      last_failure: null,
    });
  });

  it('opens on 5xx and timeouts, fails fast while open, and closes again once the service answers', async () => {
    target.answer(() => ({ status: 200, delayMs: 1000 })); // slower than the 300 ms timeout
    const c = client({ retries: 0 });
    for (let i = 0; i < 3; i++)
      await expect(c.get('/slow')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const open = registry.status().order_service;
    expect(open.state).toBe('open');
    expect(open.failure_count).toBe(3);
    expect(open.last_failure).not.toBeNull();

    const before = target.calls.length;
    await expect(c.get('/slow')).rejects.toMatchObject({
      message: 'order_service is unavailable (circuit open)',
    });
    expect(target.calls.length).toBe(before); // refused without calling

    target.answer(() => ({ status: 200, body: { ok: true } }));
    // opossum half-opens resetTimeoutMs after opening: wait for that state itself, not for a time
    await eventually(() => registry.status().order_service.state === 'half_open', {
      what: 'the breaker half-opening',
    });
    await expect(c.get('/fast')).resolves.toEqual({ ok: true });
    expect(registry.status().order_service.state).toBe('closed');
  });

  it('probes health with one request and its own timeout, never retried, outside the breaker', async () => {
    target.answer(() => ({ status: 503 }));
    const c = client({ retries: 2 });
    for (let i = 0; i < 5; i++) {
      const before = target.calls.length;
      await expect(c.probe('/ready')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect(target.calls.length).toBe(before + 1); // one health check, one request
    }
    // five failures, above the volume threshold of 3: none counted, the breaker stays closed
    expect(registry.status().order_service).toEqual({
      state: 'closed',
      failure_count: 0,
      last_failure: null,
    });

    // an open breaker does not stop the probe: it still asks the service itself
    for (let i = 0; i < 3; i++)
      await expect(c.get('/x')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(registry.status().order_service.state).toBe('open');
    target.answer(() => ({ status: 200, body: { ready: true } }));
    const before = target.calls.length;
    await expect(c.probe('/ready')).resolves.toBeUndefined();
    expect(target.calls.length).toBe(before + 1);

    // its own timeout, whatever the client's: a probe shorter than the answer gives up
    target.answer(() => ({ status: 200, delayMs: 250 }));
    await expect(c.probe('/ready', { timeoutMs: 20 })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('serves the seed 001 status shape and the circuit_breaker_state gauge', async () => {
    client();
    const { app } = createService({
      name: 'payment-service',
      version: '1',
      logger: createLogger('t', 'silent'),
      metrics,
      checks: [],
      routes: [registry.router()],
    });
    const res = await request(app).get('/api/circuit-breaker/status');
    expect(res.body).toEqual({ order_service: { state: 'closed', failure_count: 0, last_failure: null } });
    expect(await metrics.registry.metrics()).toMatch(
      /circuit_breaker_state\{service="payment-service",target="order_service"\} 0/,
    );
  });
});
