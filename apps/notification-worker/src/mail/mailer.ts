import { AppError, type HealthCheck } from '@platform/service-kit';
import nodemailer, { type Transporter } from 'nodemailer';
import { mailDomain, messageIdFor } from './message-id';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface SendOptions {
  /** What makes this mail the same mail when it is sent again (the event_id): its Message-ID comes from it. */
  idempotencyKey: string;
}

/** The code of a permanent refusal: the same mail would be refused again on every retry. */
export const MAIL_REJECTED = 'MAIL_REJECTED';

// nodemailer's own refusals of a mail, before or without any server reply: no recipient or sender
// (EENVELOPE), a message it cannot build (EMESSAGE). The same mail fails the same way on every retry.
const LOCAL_PERMANENT = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * A 5xx reply is a permanent refusal (bad address), a 4xx one may pass later; without a reply, only
 * nodemailer's local refusals are permanent (no connection, a timeout: the server may come back).
 */
function isPermanent(responseCode: number | undefined, code: string | undefined): boolean {
  if (responseCode !== undefined) return responseCode >= 500;
  return code !== undefined && LOCAL_PERMANENT.has(code);
}

/** SMTP delivery through nodemailer. Failures say whether trying again can help. */
export class Mailer {
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 5000, socketTimeout: 10_000 });
    this.domain = mailDomain(from);
  }

  /**
   * Sends one mail with `Message-ID: <key@domain of MAIL_FROM>`: a mail sent twice for one event (a
   * worker died between sending and marking it sent) carries the same id, which mail systems dedupe on.
   */
  async send(mail: Mail, { idempotencyKey }: SendOptions): Promise<string> {
    try {
      const messageId = messageIdFor(idempotencyKey, this.domain);
      const info = await this.transport.sendMail({ from: this.from, ...mail, messageId });
      return info.messageId;
    } catch (err) {
      const { responseCode: code, code: localCode } = err as { responseCode?: number; code?: string };
      const permanent = isPermanent(code, localCode);
      throw new AppError({
        code: permanent ? MAIL_REJECTED : 'SERVICE_UNAVAILABLE',
        status: permanent ? 422 : 503,
        retriable: !permanent,
        message: permanent
          ? code !== undefined
            ? `SMTP server refused the mail (${code})`
            : `The mail cannot be sent as it is (${localCode})`
          : 'SMTP server unavailable',
        cause: err,
      });
    }
  }

  healthCheck(): HealthCheck {
    return { name: 'smtp', critical: false, check: async () => void (await this.transport.verify()) };
  }

  close(): void {
    this.transport.close();
  }
}
