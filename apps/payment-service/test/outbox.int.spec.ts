import { topicEndOffsets } from '@platform/messaging/testing';
import { keys } from '../src/payments/payment-record';
import { startPaymentService, type PaymentService } from './harness';
import { paymentFixtures } from './payment-fixtures';

describe('a crash between the callback’s write and the publish loses nothing', () => {
  let svc: PaymentService;
  let f: ReturnType<typeof paymentFixtures>;
  // no relay, consumer or reconciler: as if the process died right after the callback's write
  beforeAll(async () => {
    svc = await startPaymentService({ startBackground: false });
    f = paymentFixtures(svc);
  });
  afterAll(() => svc?.stop());

  it('PaymentCompleted waits in the outbox stream with the completed payment, and goes out once when the relay starts', async () => {
    const { buyer, order, body } = await f.orderToPay();
    const payment = (await f.pay(buyer.token, body()).expect(201)).body;
    await f.waitForPayment(buyer.token, payment.id, 'completed');

    const [entry] = (await svc.redis.xrange(keys.outbox, '-', '+')) as [string, string[]][];
    expect(entry[1]).toEqual(expect.arrayContaining(['topic', 'payment.events']));
    expect(entry[1].find((v) => v.includes('PaymentCompleted'))).toContain(payment.id);
    const ends = await topicEndOffsets(svc.topics.payments);
    expect([...ends.values()].every((high) => high === 0)).toBe(true);
    expect((await svc.readOrder(buyer.token, order.id)).status).toBe('pending');

    await svc.svc.startBackground();
    const events = await f.paymentEvents(payment.id, (t) => t.includes('PaymentCompleted'));
    expect(events.map((e) => e.event_type)).toEqual(['PaymentCompleted']);
    await f.waitForOrder(buyer.token, order.id, 'confirmed');
    expect(await svc.redis.xlen(keys.outbox)).toBe(0);
  });
});
