import { randomUUID } from 'node:crypto';
import { AppError } from '@platform/service-kit';
import type Redis from 'ioredis';
import { type EventHandler, type HandlerContext, type InboxEvent } from './inbox';

export interface LeaseInboxOptions {
  /** How long a claim holds while the effect runs: longer than the slowest effect (SMTP timeouts). */
  leaseMs?: number;
  /** How long a `done` mark is kept: far beyond any redelivery window. */
  doneTtlSeconds?: number;
  prefix?: string;
}

// Release only our own lease: after it expired another consumer may hold a new one.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

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
        await this.redis.eval(RELEASE, 1, key, lease).catch(() => undefined);
        throw err;
      }
      await this.redis.set(key, 'done', 'EX', this.doneTtlSeconds);
      return undefined;
    };
  }
}
