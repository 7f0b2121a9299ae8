import { randomUUID } from 'node:crypto';
import { TOPICS } from '@platform/contracts';
import { eventually } from '@platform/devstack/testing';
import { asEnvelope, consumerPact, envelope, isoTime, MatchersV3, readdress } from '@platform/pact';
import { startDataPipeline, type DataPipeline } from '../harness';
import { catalogRows, closeReader, readCatalog, type Row } from '../training-data-fixtures';

const { like, regex, uuid, eachLike, integer, number } = MatchersV3;
const ORDER_ID = '6d1c3a52-7e0b-4f7e-9a51-2c4b8f0e9a11';

type Order = { user_id: string; items: { product_id: string; quantity: number; price: number }[] };

/**
 * order-service's OrderConfirmed as data-pipeline's training-data group handles it: each line of the
 * order becomes a purchase of its buyer in the tenant's interactions Parquet that catalog.json lists.
 * Through the group's real decoding, validation and writer on data-pipeline's own stores, for a tenant
 * of this test's own (in place of the example's).
 */
describe('pact: data-pipeline consumes order-service order events', () => {
  const pact = consumerPact('data-pipeline', 'order-service');
  let svc: DataPipeline;
  beforeAll(async () => void (svc = await startDataPipeline({ startBackground: false })));
  afterAll(async () => {
    await svc?.stop();
    await closeReader();
  });

  it('an OrderConfirmed event becomes one purchase per line of the order', () =>
    pact
      .addAsynchronousInteraction()
      .given('an order is paid')
      .expectsToReceive('an OrderConfirmed event', (b) =>
        b
          .withJSONContent(
            envelope({
              eventId: '4b5c6d7e-8f9a-4b0c-9d1e-f2a3b4c5d606',
              eventType: 'OrderConfirmed',
              aggregateId: ORDER_ID,
              aggregateType: 'order',
              tenantId: '0b7f4a8e-3c55-4f0a-8d7e-5b9e2f1c6a01',
              data: {
                order_id: uuid(ORDER_ID),
                user_id: uuid('9a2e6c14-1f3b-4d8a-b6c7-0e5d4f3a2b19'),
                // payment_id, total_amount and currency are not read: the event's schema requires them
                payment_id: like('pay_5b0c7c7e'),
                total_amount: number(39.98),
                currency: regex('^[A-Z]{3}$', 'USD'),
                items: eachLike({
                  product_id: uuid('4f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8'),
                  quantity: integer(2),
                  price: number(19.99),
                }),
                confirmed_at: isoTime(),
              },
            }),
          )
          .withMetadata({ topic: TOPICS.orderEvents }),
      )
      .executeTest(async (m) => {
        const tenant = randomUUID();
        const event = asEnvelope<Order>(m.contents.content);
        const outcome = await svc.trainingConsumer.deliver(
          String(m.metadata.topic),
          readdress(event, { tenantId: tenant }),
          '0',
        );
        expect(outcome).toBe('handled');
        let rows: Row[] = [];
        await eventually(
          async () => (rows = await catalogRows(svc.store, await readCatalog(svc.store, tenant))).length > 0,
          { what: `the purchases of tenant ${tenant}` },
        );
        expect(rows).toEqual(
          event.data.items.map((line) =>
            expect.objectContaining({
              user_id: event.data.user_id,
              item_id: line.product_id,
              interaction_type: 'purchase',
            }),
          ),
        );
      }));
});
