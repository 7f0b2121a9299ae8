import { openSecret } from '@platform/auth';
import { type DomainEvent } from '@platform/contracts';
import { AppError } from '@platform/service-kit';
import { deliverMail, type MailDeps } from '../deliveries/deliver-mail';

export interface VerificationDeps extends MailDeps {
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

/** On `NotificationRequested` (template verify-email): send the verification link, log the delivery. */
export async function sendVerificationMail(
  event: DomainEvent<'NotificationRequested'>,
  deps: VerificationDeps,
): Promise<void> {
  const secret = openVerificationSecret(event, deps.secretKey);
  await deliverMail(deps, event, {
    to: event.data.to,
    template: 'verify-email',
    model: { username: event.data.params.username ?? 'there', ...secret },
  });
}
