import type Redis from 'ioredis';
import { type EventHandler, type HandlerContext, type InboxEvent } from './inbox';

/** One Redis command of a handler's state change, e.g. `['HINCRBY', 'wallet:42', 'balance', 500]`. */
export type RedisCommand = [string, ...(string | number)[]];

// Claim and state change in one script: Redis runs it atomically, so no other client sees (or makes)
// the claim without the change, and a crash or a lost connection leaves either both or neither.
const CLAIM_AND_APPLY = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
for _, command in ipairs(cjson.decode(ARGV[2])) do redis.call(unpack(command)) end
return 1
`;

export interface RedisInboxOptions {
  /** How long the claim of a handled event is kept: far beyond any redelivery window. */
  ttlSeconds?: number;
  prefix?: string;
}

/**
 * Exactly-once effects for Redis handlers: the handler returns the commands of its state change (it
 * may read what it needs first), and the library runs `SET <claim> NX` and those commands in one Lua
 * script. A redelivery, or a concurrent delivery of the same event, finds the claim and runs nothing.
 * Redis does not roll a script back: a command that fails at run time (wrong type) leaves the commands
 * before it applied, so handlers send only commands they know to fit the data.
 *
 * ```ts
 * const inbox = new RedisInbox(redis);
 * handlers: { PaymentCompleted: inbox.handle(async (event) => [['HINCRBY', key, 'paid', amount]]) }
 * ```
 */
export class RedisInbox {
  private readonly ttlSeconds: number;
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    { ttlSeconds = 7 * 24 * 3600, prefix = 'inbox' }: RedisInboxOptions = {},
  ) {
    this.ttlSeconds = ttlSeconds;
    this.prefix = prefix;
  }

  key(group: string, eventId: string): string {
    return `${this.prefix}:${group}:${eventId}`;
  }

  handle<E extends InboxEvent>(
    fn: (event: E, ctx: HandlerContext) => Promise<RedisCommand[]>,
  ): EventHandler<E> {
    return async (event, ctx) => {
      const commands = await fn(event, ctx);
      const applied = await this.redis.eval(
        CLAIM_AND_APPLY,
        1,
        this.key(ctx.group, event.event_id),
        this.ttlSeconds,
        JSON.stringify(commands),
      );
      return applied === 1 ? undefined : 'duplicate';
    };
  }
}
