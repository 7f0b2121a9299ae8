import type Redis from 'ioredis';

/** `sent`; `skipped` (no one to send it to: a deleted or unknown user); `failed_permanent` (SMTP 5xx). */
export type DeliveryStatus = 'sent' | 'skipped' | 'failed_permanent';

export interface Delivery {
  event_id: string;
  template: string;
  status: DeliveryStatus;
  /** The address, when there was one (never kept for a deleted user). */
  to?: string;
  message_id?: string;
  /** Why it was skipped or refused. */
  reason?: string;
  at: string;
}

const THIRTY_DAYS = 30 * 24 * 3600;
const key = (eventId: string) => `nw:delivery:${eventId}`;

/** The delivery log in Redis: what became of the mail of each event, kept 30 days for support questions. */
export class DeliveriesRepository {
  constructor(private readonly redis: Redis) {}

  async record(d: Delivery): Promise<void> {
    await this.redis.set(key(d.event_id), JSON.stringify(d), 'EX', THIRTY_DAYS);
  }

  async find(eventId: string): Promise<Delivery | undefined> {
    const raw = await this.redis.get(key(eventId));
    return raw ? (JSON.parse(raw) as Delivery) : undefined;
  }
}
