import type Redis from 'ioredis';

export interface Delivery {
  event_id: string;
  template: string;
  to: string;
  message_id: string;
  sent_at: string;
}

const THIRTY_DAYS = 30 * 24 * 3600;

/** The delivery log in Redis: what was sent for which event, kept 30 days for support questions. */
export class DeliveriesRepository {
  constructor(private readonly redis: Redis) {}

  async record(d: Delivery): Promise<void> {
    await this.redis.set(`delivery:${d.event_id}`, JSON.stringify(d), 'EX', THIRTY_DAYS);
  }

  async find(eventId: string): Promise<Delivery | undefined> {
    const raw = await this.redis.get(`delivery:${eventId}`);
    return raw ? (JSON.parse(raw) as Delivery) : undefined;
  }
}
