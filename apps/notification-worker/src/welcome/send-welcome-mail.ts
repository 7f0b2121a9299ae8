import { type DomainEvent } from '@platform/contracts';
import { deliverMail, type MailDeps } from '../deliveries/deliver-mail';

/** The welcome mail's model: greeted by first name, or by username when there is none. */
export const welcomeModel = (data: DomainEvent<'UserCreated'>['data']) => ({
  name: data.first_name || data.username,
  username: data.username,
});

/** On `UserCreated`: greet the new user at the address they registered with (the event carries it). */
export const sendWelcomeMail = (event: DomainEvent<'UserCreated'>, deps: MailDeps) =>
  deliverMail(deps, event, { to: event.data.email, template: 'welcome', model: welcomeModel(event.data) });
