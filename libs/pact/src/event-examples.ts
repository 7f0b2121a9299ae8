import { MatchersV3 } from '@pact-foundation/pact';
import { envelope, isoTime, isoTimestamp } from './envelope';

const { eachLike, integer, like, number, regex, uuid } = MatchersV3;

/**
 * Example events of one producer that several consumers' pacts expect alike: one definition keeps
 * their examples (ids, amounts) the same, so a provider state serves them all. Each consumer adds the
 * data its own handler reads; its test puts its real ids in place of these (`readdress`).
 */

/**
 * payment.events as payment-service publishes them, with the payment's data every consumer validates:
 * payment_id, order_id, user_id, amount, currency and how it was paid (the receipt mail prints it).
 */
export const paymentEvent = (eventType: string, eventId: string, data: Record<string, unknown>) =>
  envelope({
    eventId,
    eventType,
    aggregateId: like('pay_0b0d1a6e-5a39-4f5e-9d0c-8f7d0c7f1e11'),
    aggregateType: 'payment',
    occurredAt: isoTime(),
    tenantId: like('tenant_demo'),
    data: {
      payment_id: like('pay_0b0d1a6e-5a39-4f5e-9d0c-8f7d0c7f1e11'),
      order_id: uuid('5b0c7c7e-8f0a-4b8e-9a52-2d1f2b7f6a10'),
      user_id: uuid('7d1e0f4a-2b3c-4d5e-8f90-a1b2c3d4e5f6'),
      amount: number(25.5),
      currency: regex('^[A-Z]{3}$', 'USD'),
      payment_method: {
        type: regex('^(credit_card|wallet)$', 'credit_card'),
        brand: like('visa'),
        last4: like('4242'),
      },
      ...data,
    },
  });

/** The order of the order.events examples (its short id is in the mails' subjects). */
export const EXAMPLE_ORDER_ID = '6d1c3a52-7e0b-4f7e-9a51-2c4b8f0e9a11';

/** order.events as order-service publishes them, with the order and its buyer in `data`. */
export const orderEvent = (eventType: string, eventId: string, data: Record<string, unknown>) =>
  envelope({
    eventId,
    eventType,
    aggregateId: EXAMPLE_ORDER_ID,
    aggregateType: 'order',
    occurredAt: isoTimestamp(),
    version: like(1),
    tenantId: '0b7f4a8e-3c55-4f0a-8d7e-5b9e2f1c6a01',
    data: {
      order_id: uuid(EXAMPLE_ORDER_ID),
      user_id: uuid('9a2e6c14-1f3b-4d8a-b6c7-0e5d4f3a2b19'),
      ...data,
    },
  });

/** An item id of any shape order-service gives one (the example's data.item_id). */
export const exampleItemId = regex('^[A-Za-z0-9_-]{1,128}$', '5c9e2f1a-7b3d-4e8f-9a6b-1c2d3e4f5a6b');
const ownerId = like('7b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e');
const currency = regex('^[A-Z]{3}$', 'USD');
const listing = () => ({
  title: like('Camping stove'),
  description: like('A light stove for two'),
  category: regex('^[a-z0-9-]{1,64}$', 'outdoor'),
  tags: eachLike('camping'),
  price: number(49.9),
  currency,
});

/**
 * item.events as order-service publishes them, whole: their consumers (data-pipeline, ml-engine)
 * validate every field before they handle one. Per type: the provider state and the example.
 */
const ITEM_EVENTS = {
  ItemCreated: {
    state: 'an item was created',
    eventId: '2d4f6a8c-1e3b-4d5f-8a7c-9e0b2d4f6a8c',
    data: () => ({ owner_id: ownerId, ...listing(), stock: integer(12), created_at: isoTime() }),
  },
  ItemUpdated: {
    state: 'an item was updated',
    eventId: '3e5a7b9d-2f4c-4e6a-9b8d-0f1c3e5a7b9d',
    data: () => ({ owner_id: ownerId, ...listing(), changed: eachLike('title'), updated_at: isoTime() }),
  },
  ItemPriceChanged: {
    state: "an item's price was changed",
    eventId: '4f6b8c0e-3a5d-4f7b-8c9e-1a2d4f6b8c0e',
    data: () => ({ old_price: number(49.9), new_price: number(39.9), currency }),
  },
  ItemDeleted: {
    state: 'an item was deleted',
    eventId: '5a7c9d1f-4b6e-4a8c-9d0f-2b3e5a7c9d1f',
    data: () => ({ owner_id: ownerId, deleted_at: isoTime('2026-01-02T10:00:00.000Z') }),
  },
};
export type ItemEventType = keyof typeof ITEM_EVENTS;

/**
 * An item event's provider state, description and content. `aggregateId` is the consumer's own: the
 * pacts differ there (data-pipeline requires an item id's shape, ml-engine takes any value).
 */
export function itemEvent(type: ItemEventType, aggregateId: unknown) {
  const { state, eventId, data } = ITEM_EVENTS[type];
  const content = envelope({
    eventId,
    eventType: type,
    aggregateId,
    aggregateType: 'item',
    tenantId: '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c',
    data: { item_id: exampleItemId, ...data() },
  });
  return { state, description: `an ${type} event`, content };
}
