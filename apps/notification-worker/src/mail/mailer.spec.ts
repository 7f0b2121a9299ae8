import { AppError } from '@platform/service-kit';
import { Mailer } from './mailer';

// The devstack's MailDev (jest's global setup gives SMTP_URL) and a port nothing listens on.
describe('Mailer: which failures are worth a retry', () => {
  const mailer = new Mailer(process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025', 'Shop <noreply@shop.local>');
  const nowhere = new Mailer('smtp://127.0.0.1:1', 'Shop <noreply@shop.local>');
  afterAll(() => [mailer, nowhere].forEach((m) => m.close()));
  const send = (m: Mailer, to: string) =>
    m
      .send({ to, subject: 's', text: 't', html: '<p>t</p>' }, { idempotencyKey: 'k' })
      .catch((err: unknown) => err);

  it('treats a mail nodemailer refuses itself (no recipient: EENVELOPE, no reply code) as permanent', async () => {
    const err = await send(mailer, '');
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'MAIL_REJECTED', retriable: false });
    expect((err as AppError).message).toContain('EENVELOPE');
  });

  it('keeps a connection failure retriable', async () => {
    expect(await send(nowhere, 'someone@example.com')).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      retriable: true,
    });
  });
});
