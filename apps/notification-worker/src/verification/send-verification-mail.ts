import { openSecret } from '@platform/auth';
import { type DomainEvent } from '@platform/contracts';
import { AppError } from '@platform/service-kit';
import { recordDelivery } from '../deliveries/record-delivery';
import { type WelcomeDeps } from '../welcome/send-welcome-mail';

export interface VerificationDeps extends WelcomeDeps {
  /** NOTIFICATION_SECRET_KEY: user-service seals the token and link with it for this worker alone. */
  secretKey: Buffer;
}

type Secret = { token: string; link: string };

/**
 * The token and link, opened only here and only to write the mail. A missing or unreadable secret
 * never becomes readable on a retry: a non-retriable error (the event goes to the DLQ).
 */
export function openVerificationSecret(event: DomainEvent<'NotificationRequested'>, key: Buffer): Secret {
  const sealed = event.data.sealed;
  if (!sealed)
    throw new AppError({
      code: 'SEALED_SECRET_MISSING',
      status: 400,
      message: 'verify-email without a sealed token',
    });
  const secret = JSON.parse(openSecret(key, sealed, [event.event_id, event.data.to])) as Partial<Secret>;
  if (typeof secret.token !== 'string' || typeof secret.link !== 'string')
    throw new AppError({
      code: 'SEALED_SECRET_INVALID',
      status: 400,
      message: 'sealed verify-email secret is malformed',
    });
  return { token: secret.token, link: secret.link };
}

export function verificationMail(data: DomainEvent<'NotificationRequested'>['data'], secret: Secret) {
  const { username = 'there' } = data.params;
  return {
    to: data.to,
    subject: 'Verify your e-mail address',
    text: [
      `Hello ${username},`,
      '',
      'please confirm your e-mail address by opening this link:',
      secret.link,
      '',
      `or by entering this code: ${secret.token}`,
      '',
      'The link expires in 24 hours. If you did not sign up, ignore this mail.',
    ].join('\n'),
  };
}

/** On `NotificationRequested` (template verify-email): send the verification link, log the delivery. */
export async function sendVerificationMail(
  event: DomainEvent<'NotificationRequested'>,
  deps: VerificationDeps,
): Promise<void> {
  const mail = verificationMail(event.data, openVerificationSecret(event, deps.secretKey));
  const messageId = await deps.mailer.send(mail, { idempotencyKey: event.event_id });
  await recordDelivery(deps, {
    event_id: event.event_id,
    template: event.data.template,
    to: mail.to,
    message_id: messageId,
    sent_at: new Date().toISOString(),
  });
}
