import { randomUUID } from 'node:crypto';
import { type RefundCause } from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { type Mail } from '../mail/mailer';
import { Templates } from '../templates/templates';
import { sendRefund } from './payment-mails';

describe('sendRefund: the mail follows the refund’s cause, at once', () => {
  const templates = Templates.load();
  const refund = (cause: RefundCause, amount = 40.48) =>
    createEvent('PaymentRefunded', {
      aggregateId: 'pay_1',
      data: {
        payment_id: 'pay_1',
        refund_id: 'ref_1',
        order_id: randomUUID(),
        user_id: randomUUID(),
        amount,
        refunded_total: amount,
        currency: 'USD',
        payment_method: { type: 'credit_card', brand: 'visa', last4: '4242' },
        cause,
        refunded_at: new Date().toISOString(),
      },
    });
  const setup = () => {
    const sent: Mail[] = [];
    const deps = {
      templates,
      mailer: { send: async (m: Mail) => (sent.push(m), 'mid') },
      deliveries: { record: async () => undefined },
      logger: { warn: () => undefined },
      users: {
        find: async () => ({ status: 'active' as const, email: 'ann@example.com', first_name: 'Ann' }),
      },
      recipientWaitMs: 60_000,
    };
    return { sent, deps };
  };

  it('says "cancelled and refunded" for a refund caused by the order’s cancellation', async () => {
    const { sent, deps } = setup();
    await sendRefund(refund('order_cancelled'), deps);
    expect(sent.map((m) => m.subject)).toEqual([expect.stringMatching(/was cancelled and refunded$/)]);
    expect(sent[0].text).toContain('$40.48 to Visa ending in 4242');
  });

  it('says "refund issued" for a requested refund, and tells a closed order’s refund why', async () => {
    const { sent, deps } = setup();
    await sendRefund(refund('requested', 10), deps);
    await sendRefund(refund('order_expired'), deps);
    await sendRefund(refund('order_closed'), deps);
    expect(sent.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^A refund of \$10\.00 for order/),
      expect.stringMatching(/^A refund of \$40\.48 for order/),
      expect.stringMatching(/^A refund of \$40\.48 for order/),
    ]);
    const closed = /Your order had closed before your payment went through/;
    expect(sent.map((m) => closed.test(m.text))).toEqual([false, true, true]);
  });
});
