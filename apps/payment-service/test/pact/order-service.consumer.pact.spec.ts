import { consumerPact, MatchersV3, serviceTokenHeader } from '@platform/pact';
import { BreakerRegistry } from '@platform/resilience';
import { createMetrics } from '@platform/service-kit';
import { createOrderServiceClient, fetchOrder } from '../../src/clients/order-service.client';
import { loadPaymentServiceConfig } from '../../src/config';

const { like, uuid, regex, fromProviderState } = MatchersV3;
const pact = consumerPact('payment-service', 'order-service');
const ORDER_ID = '6d1c3a52-7e0b-4f7e-9a51-2c4b8f0e9a11';
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** payment-service's real client (as compose.ts builds it), pointed at Pact's mock order-service. */
function client(url: string) {
  const config = loadPaymentServiceConfig({ ...process.env, ORDER_SERVICE_URL: url });
  const breakers = new BreakerRegistry(createMetrics('payment-service-pact', { defaults: false }));
  return { fetch: fetchOrder(createOrderServiceClient(config, breakers)), breakers };
}

describe('payment-service → order-service (GET /internal/orders/{order_id})', () => {
  it('reads the tenant, buyer, status, amount and currency of an order awaiting payment', () =>
    pact
      .addInteraction()
      .given('an order awaiting payment exists')
      .uponReceiving('a request for an order by id')
      .withRequest(
        'GET',
        fromProviderState('/internal/orders/${orderId}', `/internal/orders/${ORDER_ID}`),
        (b) => b.headers({ Authorization: serviceTokenHeader('payment-service', 'order-service') }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          id: uuid(ORDER_ID),
          tenant_id: uuid('0b7f4a8e-3c55-4f0a-8d7e-5b9e2f1c6a01'),
          user_id: uuid('9a2e6c14-1f3b-4d8a-b6c7-0e5d4f3a2b19'),
          status: regex('^pending$', 'pending'),
          total_amount: like(25.99),
          currency: regex('^[A-Z]{3}$', 'USD'),
          // W3C traceparent of the order's creation: the payment's span continues that trace
          traceparent: regex('^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$', TRACEPARENT),
        }),
      )
      .executeTest(async (mock) => {
        const { fetch, breakers } = client(mock.url);
        try {
          // what createPayment checks the payment against: whose order, payable, how much
          expect(await fetch(ORDER_ID)).toEqual({
            id: ORDER_ID,
            tenant_id: '0b7f4a8e-3c55-4f0a-8d7e-5b9e2f1c6a01',
            user_id: '9a2e6c14-1f3b-4d8a-b6c7-0e5d4f3a2b19',
            status: 'pending',
            total_amount: 25.99,
            currency: 'USD',
            traceparent: TRACEPARENT,
          });
        } finally {
          breakers.shutdown();
        }
      }));

  it('gets undefined for an order order-service does not know (404), so the payment is refused', () =>
    pact
      .addInteraction()
      .given('no order with this id exists')
      .uponReceiving('a request for an order that does not exist')
      .withRequest('GET', `/internal/orders/${ORDER_ID}`, (b) =>
        b.headers({ Authorization: serviceTokenHeader('payment-service', 'order-service') }),
      )
      .willRespondWith(404)
      .executeTest(async (mock) => {
        const { fetch, breakers } = client(mock.url);
        try {
          expect(await fetch(ORDER_ID)).toBeUndefined();
        } finally {
          breakers.shutdown();
        }
      }));
});
