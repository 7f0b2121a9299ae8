import { AppError } from '@platform/service-kit';
import { type Mail } from '../mail/mailer';
import { Templates } from '../templates/templates';
import { type Delivery } from './deliveries.repository';
import { deliverMail, skipMail } from './deliver-mail';

describe('deliverMail', () => {
  const templates = Templates.load();
  const recorded: Delivery[] = [];
  const counted: string[] = [];
  const deps = (send: (m: Mail) => Promise<string>) => ({
    templates,
    mailer: { send },
    deliveries: { record: async (d: Delivery) => void recorded.push(d) },
    metrics: { delivered: (template: string, status: string) => void counted.push(`${template}/${status}`) },
    logger: { warn: () => undefined },
  });
  const mail = {
    to: 'ann@example.com',
    template: 'welcome' as const,
    model: { name: 'Ann', username: 'ann' },
  };
  beforeEach(() => {
    recorded.length = 0;
    counted.length = 0;
  });

  it('sends both parts with the Message-ID key of the event and logs it sent', async () => {
    const sent: Mail[] = [];
    await deliverMail(
      deps(async (m) => (sent.push(m), '<e1@shop.local>')),
      { event_id: 'e1' },
      mail,
    );
    expect(sent[0]).toMatchObject({ to: 'ann@example.com', subject: 'Welcome to the shop, Ann!' });
    expect(sent[0].html).toContain('<strong>ann</strong>');
    expect(recorded).toEqual([
      expect.objectContaining({
        event_id: 'e1',
        template: 'welcome',
        status: 'sent',
        message_id: '<e1@shop.local>',
      }),
    ]);
    expect(counted).toEqual(['welcome/sent']);
  });

  it('logs a permanent refusal as failed_permanent and completes (no retry, no DLQ)', async () => {
    const refusal = new AppError({
      code: 'MAIL_REJECTED',
      status: 422,
      message: 'SMTP server refused the mail (550)',
    });
    await expect(
      deliverMail(
        deps(() => Promise.reject(refusal)),
        { event_id: 'e2' },
        mail,
      ),
    ).resolves.toBeUndefined();
    expect(recorded).toEqual([
      expect.objectContaining({
        event_id: 'e2',
        status: 'failed_permanent',
        reason: expect.stringContaining('550'),
      }),
    ]);
    expect(counted).toEqual(['welcome/failed_permanent']);
  });

  it('lets an outage through, retriable, and logs nothing', async () => {
    const outage = new AppError({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
      retriable: true,
      message: 'down',
    });
    await expect(
      deliverMail(
        deps(() => Promise.reject(outage)),
        { event_id: 'e3' },
        mail,
      ),
    ).rejects.toBe(outage);
    expect(recorded).toEqual([]);
    expect(counted).toEqual([]);
  });

  it('logs a skipped mail with its reason', async () => {
    await skipMail(
      deps(() => Promise.reject(new Error('not called'))),
      { event_id: 'e4' },
      'order-expired',
      'deleted user',
    );
    expect(recorded).toEqual([
      expect.objectContaining({ status: 'skipped', reason: 'deleted user', template: 'order-expired' }),
    ]);
    expect(recorded[0].to).toBeUndefined();
    expect(counted).toEqual(['order-expired/skipped']);
  });
});
