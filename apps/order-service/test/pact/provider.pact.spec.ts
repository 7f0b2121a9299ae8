import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { verifyProvider } from '@platform/pact';
import { startOrderService, type OrderService } from '../harness';
import { itemEventMessages } from './item-messages';
import { orderLifecycle } from './order-lifecycle';
import { orderEventMessages } from './order-messages';
import { orderServiceTokenFilter, orderStates } from './order-states';

/**
 * order-service against every pact that names it: payment-service's GET /internal/orders/{id}, and the
 * order.events and item.events its consumers handle. The relay is not started, so each event the use
 * cases write stays in its document's outbox, where the message providers read it.
 */
describe('order-service honours its consumers’ pacts', () => {
  let svc: OrderService;
  let server: Server;
  beforeAll(async () => {
    svc = await startOrderService({ startBackground: false });
    server = await new Promise<Server>((resolve) => {
      const s = svc.app.listen(0, '127.0.0.1', () => resolve(s));
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await svc?.stop();
  });

  it('verifies every interaction of every consumer', async () => {
    const lifecycle = orderLifecycle(svc);
    const orders = orderStates(lifecycle);
    const items = itemEventMessages(svc);
    const result = await verifyProvider({
      provider: 'order-service',
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      stateHandlers: { ...orders.stateHandlers, ...items.stateHandlers },
      messageProviders: { ...orderEventMessages(lifecycle, orders.lastOrder), ...items.messageProviders },
      requestFilter: orderServiceTokenFilter(svc),
    });
    expect(result.ok).toBe(true);
  }, 300_000);
});
