import { deliverMail, skipMail, type MailDeps } from '../deliveries/deliver-mail';
import { type TemplateModels, type TemplateName } from '../templates/models';
import { findRecipient, type Recipient, type RecipientDeps } from './find-recipient';

export interface UserMailDeps extends MailDeps, RecipientDeps {}

/** A mail to the user an event names, at the address the projection holds (skipped when there is none). */
export async function mailUser<T extends TemplateName>(
  deps: UserMailDeps,
  event: { event_id: string; occurred_at: string },
  userId: string,
  template: T,
  model: (recipient: Recipient) => TemplateModels[T],
): Promise<void> {
  const found = await findRecipient(deps, event, userId);
  if ('skip' in found) return skipMail(deps, event, template, found.skip);
  await deliverMail(deps, event, { to: found.email, template, model: model(found) });
}
