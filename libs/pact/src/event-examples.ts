import { MatchersV3 } from '@pact-foundation/pact';
import { envelope, isoTime, isoTimestamp } from './envelope';

const { like, number, regex, uuid } = MatchersV3;

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
