import { freePort, startService, type RunningService } from '@platform/devstack';
import { BreakerStatusSchema } from '@platform/contracts';

/** payment-service's breaker to order-service, with both as real processes. */
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

  it('opens while order-service is down and closes after it returns', async () => {
    expect(await health()).toMatchObject({ status: 'healthy', checks: { dependencies: 'healthy' } });
    expect(await status()).toEqual({ state: 'closed', failure_count: 0, last_failure: null });

    await orders.stop();
    for (let i = 0; i < 3; i++) await health(); // each check calls order-service through the breaker
    const open = await status();
    expect(open.state).toBe('open');
    expect(open.failure_count).toBeGreaterThan(0);
    expect(open.last_failure).not.toBeNull();
    expect(await health()).toMatchObject({ status: 'degraded', checks: { dependencies: 'degraded' } });

    orders = await startService('order-service', opts(orderPort));
    await new Promise((r) => setTimeout(r, 1600)); // past the reset timeout: the next call is the trial
    expect(await health()).toMatchObject({ status: 'healthy' });
    expect(await status()).toMatchObject({ state: 'closed', failure_count: 0 });
  });
});
