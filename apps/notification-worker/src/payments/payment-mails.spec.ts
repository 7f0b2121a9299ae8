import { randomUUID } from 'node:crypto';
import { createEvent } from '@platform/messaging';
import { type Mail } from '../mail/mailer';
import { Templates } from '../templates/templates';
import { sendRefund } from './payment-mails';

describe('sendRefund: one mail, whichever way the cancellation and the refund arrive', () => {
  const templates = Templates.load();
  const refund = (occurredAt = new Date()) =>
    createEvent('PaymentRefunded', {
      aggregateId: 'pay_1',
      occurredAt,
      data: {
        payment_id: 'pay_1',
        refund_id: 'ref_1',
        order_id: randomUUID(),
        user_id: randomUUID(),
        amount: 40.48,
        refunded_total: 40.48,
        currency: 'USD',
        payment_method: { type: 'credit_card', brand: 'visa', last4: '4242' },
        refunded_at: occurredAt.toISOString(),
      },
    });
  const setup = (cancelled: boolean) => {
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
      cancelledOrders: { isCancelled: async () => cancelled },
      cancellationWaitMs: 30_000,
    };
    return { sent, deps };
  };

  it('says "cancelled and refunded" for an order known cancelled', async () => {
    const { sent, deps } = setup(true);
    await sendRefund(refund(), deps);
    expect(sent.map((m) => m.subject)).toEqual([expect.stringMatching(/was cancelled and refunded$/)]);
    expect(sent[0].text).toContain('$40.48 to Visa ending in 4242');
  });

  it('waits retriably while a young refund may still be a cancellation, then mails it as a refund', async () => {
    const { sent, deps } = setup(false);
    await expect(sendRefund(refund(), deps)).rejects.toMatchObject({ retriable: true });
    expect(sent).toEqual([]);
    await sendRefund(refund(new Date(Date.now() - 31_000)), deps);
    expect(sent.map((m) => m.subject)).toEqual([expect.stringMatching(/^A refund of \$40\.48 for order/)]);
  });
});
