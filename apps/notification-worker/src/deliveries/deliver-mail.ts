import { isAppError } from '@platform/service-kit';
import { MAIL_REJECTED, type Mailer } from '../mail/mailer';
import { type TemplateModels, type TemplateName } from '../templates/models';
import { type Templates } from '../templates/templates';
import { recordDelivery, type OutcomeDeps } from './record-delivery';

export interface MailDeps extends OutcomeDeps {
  templates: Pick<Templates, 'render'>;
  mailer: Pick<Mailer, 'send'>;
}

/** What a mail is for: its Message-ID and its delivery log entry come from the event. */
export interface MailEvent {
  event_id: string;
}

/**
 * Renders one template and sends it. An outage (connection refused, 4xx) throws retriably: the
 * consumer tries again with backoff. A permanent refusal of the address (5xx) would be refused again
 * on every retry: it is logged as `failed_permanent` and the handler completes (no retry, no DLQ).
 */
export async function deliverMail<T extends TemplateName>(
  deps: MailDeps,
  event: MailEvent,
  mail: { to: string; template: T; model: TemplateModels[T] },
): Promise<void> {
  const { to, template } = mail;
  const rendered = deps.templates.render(template, mail.model);
  let messageId: string;
  try {
    messageId = await deps.mailer.send({ to, ...rendered }, { idempotencyKey: event.event_id });
  } catch (err) {
    if (!isAppError(err) || err.code !== MAIL_REJECTED) throw err;
    deps.logger.warn('Mail refused for good; not retried', {
      event_id: event.event_id,
      template,
      error: err.message,
    });
    const at = new Date().toISOString();
    await recordDelivery(deps, {
      event_id: event.event_id,
      template,
      status: 'failed_permanent',
      to,
      reason: err.message,
      at,
    });
    return;
  }
  await recordDelivery(deps, {
    event_id: event.event_id,
    template,
    status: 'sent',
    to,
    message_id: messageId,
    at: new Date().toISOString(),
  });
}

/** No mail for this event (a deleted or unknown user): logged as `skipped`, with why. */
export async function skipMail(
  deps: OutcomeDeps,
  event: MailEvent,
  template: TemplateName,
  reason: string,
): Promise<void> {
  await recordDelivery(deps, {
    event_id: event.event_id,
    template,
    status: 'skipped',
    reason,
    at: new Date().toISOString(),
  });
}
