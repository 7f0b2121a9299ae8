import { randomUUID } from 'node:crypto';
import { freePort, startService, type RunningService } from '@platform/devstack';
import { BreakerStatusSchema } from '@platform/contracts';
import { PAYMENT_GATEWAY_DEV_API_KEY, expectNoSecrets, rememberSecret } from '@platform/devstack/testing';

/** payment-service's breaker to order-service, and its health probe of it, with both as real processes. */
describe('circuit breaker payment-service → order-service', () => {
  let orderPort: number;
  let orders: RunningService;
  let payments: RunningService;
  // an instance name of its own: the log files then hold this run's lines only (the secret scan reads them)
  const instance = `e2e-breaker-${randomUUID().slice(0, 8)}`;
  // info: the request lines too, so the secret scan reads what a deployment logs
  const opts = (port: number, env: Record<string, string> = {}) => ({
    port,
    instance,
    env: { LOG_LEVEL: 'info', ...env },
  });
  // the card gateway's key payment-service holds (its development default here) must reach no log
  rememberSecret('api-key', PAYMENT_GATEWAY_DEV_API_KEY);

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
    // both stores are the shared devstack's (other tests' data): the two processes' logs are scanned
    await expectNoSecrets({ logs: [payments.log, orders.log] });
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
