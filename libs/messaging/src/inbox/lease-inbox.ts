import { randomUUID } from 'node:crypto';
import { AppError } from '@platform/service-kit';
import type Redis from 'ioredis';
import { RELEASE_IF_OWNER, REPLACE_IF_OWNER } from '../redis-scripts';
import { type EventHandler, type HandlerContext, type InboxEvent } from './inbox';

export interface LeaseInboxOptions {
  /** How long a claim holds while the effect runs: longer than the slowest effect (SMTP timeouts). */
  leaseMs?: number;
  /** How long a `done` mark is kept: far beyond any redelivery window. */
  doneTtlSeconds?: number;
  prefix?: string;
}

/**
 * At-most-once-per-lease for effects outside any store we write (sending a mail): claim the event
 * with `SET key lease:<token> NX PX leaseMs`, run the effect, then mark the key `done`. A delivery that
 * finds `done` is a duplicate; one that finds another consumer's live lease fails retriably and comes
 * back later. If the process dies between the effect and the mark, the lease expires and the effect
 * runs again, so whatever the receiver can deduplicate on must come from `event.event_id` (a mail's
 * `Message-ID`), never from the attempt.
 *
 * ```ts
 * const inbox = new LeaseInbox(redis);
 * handlers: { UserCreated: inbox.handle(async (event) => mailer.send({ …, messageId: idOf(event) })) }
 * ```
 */
export class LeaseInbox {
  private readonly leaseMs: number;
  private readonly doneTtlSeconds: number;
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    { leaseMs = 60_000, doneTtlSeconds = 7 * 24 * 3600, prefix = 'inbox' }: LeaseInboxOptions = {},
  ) {
    this.leaseMs = leaseMs;
    this.doneTtlSeconds = doneTtlSeconds;
    this.prefix = prefix;
  }

  key(group: string, eventId: string): string {
    return `${this.prefix}:${group}:${eventId}`;
  }

  handle<E extends InboxEvent>(fn: (event: E, ctx: HandlerContext) => Promise<void>): EventHandler<E> {
    return async (event, ctx) => {
      const key = this.key(ctx.group, event.event_id);
      const lease = `lease:${randomUUID()}`;
      if ((await this.redis.set(key, lease, 'PX', this.leaseMs, 'NX')) !== 'OK') {
        if ((await this.redis.get(key)) === 'done') return 'duplicate';
        throw new AppError({
          code: 'INBOX_LEASE_HELD',
          status: 409,
          retriable: true,
          message: 'Another consumer is handling this event; trying again later',
        });
      }
      try {
        await fn(event, ctx);
      } catch (err) {
        // the effect did not happen (as far as we know): let the retry claim it at once
        // (only our own lease: after it expired another consumer may hold a new one)
        await this.redis.eval(RELEASE_IF_OWNER, 1, key, lease).catch(() => undefined);
        throw err;
      }
      // done only over our own lease: if it expired during the effect, a successor's lease stays
      // untouched (it runs the effect again, with the same event-derived ids, and marks it done itself)
      await this.redis.eval(REPLACE_IF_OWNER, 1, key, lease, 'done', this.doneTtlSeconds);
      return undefined;
    };
  }
}
