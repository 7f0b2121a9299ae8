import { type DomainEvent } from '@platform/contracts';
import { type WelcomeDeps } from '../welcome/send-welcome-mail';

export function verificationMail(data: DomainEvent<'NotificationRequested'>['data']) {
  const { username = 'there', link, token } = data.params;
  return {
    to: data.to,
    subject: 'Verify your e-mail address',
    text: [
      `Hello ${username},`,
      '',
      'please confirm your e-mail address by opening this link:',
      link ?? '',
      '',
      `or by entering this code: ${token ?? ''}`,
      '',
      'The link expires in 24 hours. If you did not sign up, ignore this mail.',
    ].join('\n'),
  };
}

/** On `NotificationRequested` (template verify-email): send the verification link. */
export async function sendVerificationMail(
  event: DomainEvent<'NotificationRequested'>,
  deps: WelcomeDeps,
): Promise<void> {
  const mail = verificationMail(event.data);
  const messageId = await deps.mailer.send(mail);
  await deps.deliveries.record({
    event_id: event.event_id,
    template: event.data.template,
    to: mail.to,
    message_id: messageId,
    sent_at: new Date().toISOString(),
  });
}
