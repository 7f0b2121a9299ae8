import { AppError, type HealthCheck } from '@platform/service-kit';
import nodemailer, { type Transporter } from 'nodemailer';
import { mailDomain, messageIdFor } from './message-id';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface SendOptions {
  /** What makes this mail the same mail when it is sent again (the event_id): its Message-ID comes from it. */
  idempotencyKey: string;
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
      // a 5xx reply is a permanent refusal (bad address); anything else (no connection, 4xx) may pass later
      const code = (err as { responseCode?: number }).responseCode;
      const permanent = code !== undefined && code >= 500;
      throw new AppError({
        code: permanent ? 'MAIL_REJECTED' : 'SERVICE_UNAVAILABLE',
        status: permanent ? 422 : 503,
        retriable: !permanent,
        message: permanent ? `SMTP server refused the mail (${code})` : 'SMTP server unavailable',
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
