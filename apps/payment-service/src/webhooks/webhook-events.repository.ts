import type Redis from 'ioredis';
import { keys } from '../payments/payment-record';

const TTL_SECONDS = 30 * 24 * 3600;

/**
 * The gateway callbacks received (`webhook-event:{event_id}`), recorded before they are applied and
 * marked done after. A crash between the two leaves it `received`: the gateway's retry applies it again,
 * which the payment scripts make harmless (each changes a payment once), so a callback is never lost and
 * never applied twice; only a `done` one is refused as a replay.
 */
export class WebhookEventsRepository {
  constructor(private readonly redis: Redis) {}

  /** `new` the first time, `pending` when received but not done, `done` when processed already. */
  async record(eventId: string): Promise<'new' | 'pending' | 'done'> {
    const key = keys.webhookEvent(eventId);
    if ((await this.redis.set(key, 'received', 'EX', TTL_SECONDS, 'NX')) === 'OK') return 'new';
    return (await this.redis.get(key)) === 'done' ? 'done' : 'pending';
  }

  async done(eventId: string): Promise<void> {
    await this.redis.set(keys.webhookEvent(eventId), 'done', 'EX', TTL_SECONDS);
  }
}
