import { type DomainEvent } from '@platform/contracts';
import { type DeliveriesRepository } from '../deliveries/deliveries.repository';
import { type Mailer } from '../mail/mailer';

export interface WelcomeDeps {
  mailer: Pick<Mailer, 'send'>;
  deliveries: Pick<DeliveriesRepository, 'record'>;
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

/** On `UserCreated`: greet the new user by e-mail and log the delivery. */
export async function sendWelcomeMail(event: DomainEvent<'UserCreated'>, deps: WelcomeDeps): Promise<void> {
  const mail = welcomeMail(event.data);
  const messageId = await deps.mailer.send(mail, { idempotencyKey: event.event_id });
  await deps.deliveries.record({
    event_id: event.event_id,
    template: 'welcome',
    to: mail.to,
    message_id: messageId,
    sent_at: new Date().toISOString(),
  });
}
