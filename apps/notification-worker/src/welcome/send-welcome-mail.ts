import { type DomainEvent } from '@platform/contracts';
import { type DeliveriesRepository } from '../deliveries/deliveries.repository';
import { recordDelivery, type WarningLog } from '../deliveries/record-delivery';
import { type Mailer } from '../mail/mailer';

export interface WelcomeDeps {
  mailer: Pick<Mailer, 'send'>;
  deliveries: Pick<DeliveriesRepository, 'record'>;
  /** Where a delivery record that could not be written is reported (the mail went out anyway). */
  logger: WarningLog;
}

export function welcomeMail(data: DomainEvent<'UserCreated'>['data']) {
  const name = data.first_name || data.username;
  return {
    to: data.email,
    subject: `Welcome to the shop, ${name}!`,
    text: [
      `Hello ${name},`,
      '',
      `your account "${data.username}" is ready.`,
      'Verify your e-mail address to start ordering.',
      '',
      'The Shop team',
    ].join('\n'),
  };
}

/** On `UserCreated`: greet the new user by e-mail and log the delivery (a failed log does not re-send). */
export async function sendWelcomeMail(event: DomainEvent<'UserCreated'>, deps: WelcomeDeps): Promise<void> {
  const mail = welcomeMail(event.data);
  const messageId = await deps.mailer.send(mail, { idempotencyKey: event.event_id });
  await recordDelivery(deps, {
    event_id: event.event_id,
    template: 'welcome',
    to: mail.to,
    message_id: messageId,
    sent_at: new Date().toISOString(),
  });
}
