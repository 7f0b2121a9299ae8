import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createMetrics } from '@platform/service-kit';
import { BreakerRegistry } from './breaker-registry';
import { retryAfterMs, ServiceClient } from './service-client';

/** A real server that answers 429 with `Retry-After: 0` the first `limited` times, then 200. */
function limitedServer(limited: number, retryAfter = '0') {
  let calls = 0;
  const server: Server = createServer((_req, res) => {
    calls++;
    if (calls <= limited) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
      res.end(JSON.stringify({ error: { code: 'RATE_LIMIT_EXCEEDED', message: 'slow down' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ calls }));
  });
  return {
    calls: () => calls,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('ServiceClient and 429 Retry-After', () => {
  const registries: BreakerRegistry[] = [];
  const client = (baseUrl: string, rateLimited?: { retries: number }) => {
    const registry = new BreakerRegistry(createMetrics('test', { defaults: false }));
    registries.push(registry);
    return {
      registry,
      client: new ServiceClient({
        name: 'limited',
        baseUrl,
        registry,
        retries: 0,
        breaker: { volumeThreshold: 1, errorThresholdPercentage: 1 },
        rateLimited,
      }),
    };
  };
  afterAll(() => registries.forEach((r) => r.shutdown()));

  it('waits out a 429 and sends the call again, without opening the breaker', async () => {
    const server = limitedServer(2);
    const { client: c, registry } = client(await server.start(), { retries: 3 });
    try {
      await expect(c.get('/x')).resolves.toEqual({ calls: 3 });
      expect(server.calls()).toBe(3);
      expect(registry.status().limited).toMatchObject({ state: 'closed', failure_count: 0 });
    } finally {
      await server.stop();
    }
  });

  it('gives the 429 to the caller once its retries are spent (none by default)', async () => {
    const server = limitedServer(5);
    const { client: c, registry } = client(await server.start());
    try {
      await expect(c.get('/x')).rejects.toMatchObject({ status: 429, code: 'RATE_LIMIT_EXCEEDED' });
      expect(server.calls()).toBe(1);
      expect(registry.status().limited).toMatchObject({ state: 'closed', failure_count: 0 });
    } finally {
      await server.stop();
    }
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(retryAfterMs(null, now)).toBe(1000);
    expect(retryAfterMs('garbage', now)).toBe(1000);
  });
});
