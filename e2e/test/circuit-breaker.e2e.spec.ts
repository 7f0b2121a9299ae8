import { freePort, startService, type RunningService } from '@platform/devstack';
import { BreakerStatusSchema } from '@platform/contracts';

/** payment-service's breaker to order-service, and its health probe of it, with both as real processes. */
describe('circuit breaker payment-service → order-service', () => {
  let orderPort: number;
  let orders: RunningService;
  let payments: RunningService;
  const opts = (port: number, env: Record<string, string> = {}) => ({
    port,
    instance: 'e2e',
    env: { LOG_LEVEL: 'warn', ...env },
  });

  beforeAll(async () => {
    orderPort = await freePort();
    orders = await startService('order-service', opts(orderPort));
    payments = await startService(
      'payment-service',
      opts(await freePort(), {
        ORDER_SERVICE_URL: `http://127.0.0.1:${orderPort}`,
        BREAKER_RESET_MS: '1500',
      }),
    );
  });
  afterAll(async () => {
    await payments.stop();
    await orders.stop();
  });

  const status = async () =>
    BreakerStatusSchema.parse(await (await fetch(`${payments.url}/api/circuit-breaker/status`)).json())
      .order_service;
  const health = async () => (await fetch(`${payments.url}/health`)).json();

  it('probes order-service in /health without retries or the breaker: degraded while it is down, breaker untouched', async () => {
    expect(await health()).toMatchObject({ status: 'healthy', checks: { dependencies: 'healthy' } });
    expect(await status()).toEqual({ state: 'closed', failure_count: 0, last_failure: null });

    await orders.stop();
    // a health check is one request with its own timeout: it reports the outage...
    for (let i = 0; i < 5; i++)
      expect(await health()).toMatchObject({ status: 'degraded', checks: { dependencies: 'degraded' } });
    // ...but never counts toward the breaker real calls depend on (it opens on those: libs/resilience tests)
    expect(await status()).toEqual({ state: 'closed', failure_count: 0, last_failure: null });

    orders = await startService('order-service', opts(orderPort));
    expect(await health()).toMatchObject({ status: 'healthy', checks: { dependencies: 'healthy' } });
    expect(await status()).toEqual({ state: 'closed', failure_count: 0, last_failure: null });
  });
});
