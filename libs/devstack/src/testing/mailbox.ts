import { setTimeout as sleep } from 'node:timers/promises';
import { rememberSecret } from './secrets';

export interface CaughtMail {
  id: string;
  subject: string;
  text?: string;
  html?: string;
  to: { address: string; name?: string }[];
  from: { address: string; name?: string }[];
  /** Its headers as MailDev parsed them (lower-case names), e.g. `message-id`. */
  headers?: Record<string, string | string[] | undefined>;
}

/** A mail's Message-ID header: the same message sent twice (a retry after a crash) carries the same one. */
export const messageIdOf = (mail: CaughtMail): string | undefined => {
  const id = mail.headers?.['message-id'];
  return Array.isArray(id) ? id[0] : id;
};

/** Reads what the devstack SMTP server (MailDev) received, through its REST API. */
export class Mailbox {
  constructor(private readonly apiUrl = process.env.MAILDEV_URL ?? 'http://127.0.0.1:1080') {}

  async all(): Promise<CaughtMail[]> {
    const res = await fetch(`${this.apiUrl}/api/email`);
    if (!res.ok) throw new Error(`MailDev answered ${res.status}`);
    const mails = (await res.json()) as CaughtMail[];
    // a verification link's token, known to the secret scan: it must be in the mail and nowhere else
    for (const m of mails)
      for (const [, token] of `${m.text ?? ''} ${m.html ?? ''}`.matchAll(/[?&](?:amp;)?token=([\w-]+)/g))
        rememberSecret('verification-token', token);
    return mails;
  }

  async to(address: string): Promise<CaughtMail[]> {
    const want = address.toLowerCase();
    return (await this.all()).filter((m) => m.to.some((t) => t.address.toLowerCase() === want));
  }

  /** Waits until `count` mails to `address` have arrived; returns them. */
  async waitFor(address: string, { count = 1, timeoutMs = 20_000 } = {}): Promise<CaughtMail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mails = await this.to(address);
      if (mails.length >= count) return mails;
      if (Date.now() > deadline)
        throw new Error(`expected ${count} mail(s) to ${address}, got ${mails.length}`);
      await sleep(200);
    }
  }
}
