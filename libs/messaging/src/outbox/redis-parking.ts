import { type EventEnvelope } from '@platform/contracts';
import type Redis from 'ioredis';
import { type OutgoingMessage } from '../publisher';
import { describeError } from './relay-support';

export type StreamEntry = [id: string, fields: string[] | null];

export function toMessage(fields: string[] | null): OutgoingMessage | undefined {
  if (!fields) return undefined; // deleted while pending
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  return { topic: f.topic, event: JSON.parse(f.event) as EventEnvelope, traceparent: f.traceparent };
}

const keyOf = (fields: string[] | null) => toMessage(fields)?.event.aggregate_id ?? '';
const field = (fields: string[], name: string) => fields[fields.indexOf(name) + 1];

/**
 * Where a Redis outbox keeps what it does not publish: `<stream>:parked` holds the entries the broker
 * kept refusing (with their `error`) and, behind them, the later entries of the same keys (`held`), so
 * a key's order survives the parking; `<stream>:parked-keys` names those keys. A person releases a key
 * with releaseParkedKey() (it goes in `<stream>:released`); the relay then publishes that key's parked
 * entries in order and lets the key flow again. Only the active relay changes these keys.
 */
export class RedisParking {
  readonly parked: string;
  private readonly keys: string;
  private readonly released: string;

  constructor(
    private readonly redis: Redis,
    private readonly stream: string,
    private readonly group: string,
  ) {
    this.parked = `${stream}:parked`;
    this.keys = `${stream}:parked-keys`;
    this.released = `${stream}:released`;
  }

  /** Moves an entry out of the stream into the parked ones, with why (`error`) or `held`. */
  private move(tx: ReturnType<Redis['multi']>, [id, fields]: StreamEntry, why: [string, string]) {
    const key = keyOf(fields);
    return tx
      .xadd(this.parked, '*', ...(fields ?? []), 'key', key, 'id', id, ...why)
      .sadd(this.keys, key)
      .xack(this.stream, this.group, id)
      .xdel(this.stream, id);
  }

  async park(entry: StreamEntry, err: unknown): Promise<void> {
    await this.move(this.redis.multi(), entry, ['error', describeError(err)]).exec();
  }

  /** Moves aside the entries whose key has a parked entry; returns the others, in order. */
  async holdBack(entries: StreamEntry[]): Promise<{ rest: StreamEntry[]; held: number }> {
    if (!(await this.redis.scard(this.keys))) return { rest: entries, held: 0 };
    const parkedKeys = new Set(await this.redis.smembers(this.keys));
    const tx = this.redis.multi();
    const rest = entries.filter(
      (e) => !parkedKeys.has(keyOf(e[1])) || (this.move(tx, e, ['held', '1']), false),
    );
    if (rest.length < entries.length) await tx.exec();
    else tx.discard();
    return { rest, held: entries.length - rest.length };
  }

  /** A key a person released, with its parked entries in order; undefined when there is none. */
  async nextReleased(): Promise<{ key: string; entries: StreamEntry[] } | undefined> {
    const key = await this.redis.srandmember(this.released);
    if (!key) return undefined;
    const all = (await this.redis.xrange(this.parked, '-', '+')) as [string, string[]][];
    return { key, entries: all.filter(([, fields]) => field(fields, 'key') === key) };
  }

  /** The key's parked entries were published (or given up on): the key flows again. */
  async finishRelease(key: string, entries: StreamEntry[], keepParked = false): Promise<void> {
    const tx = this.redis.multi().srem(this.released, key);
    if (!keepParked) {
      if (entries.length) tx.xdel(this.parked, ...entries.map(([id]) => id));
      tx.srem(this.keys, key);
    }
    await tx.exec();
  }

  async counts(): Promise<{ parked: number; heldBack: number }> {
    const all = (await this.redis.xrange(this.parked, '-', '+')) as [string, string[]][];
    const parked = all.filter(([, fields]) => fields.some((f, i) => i % 2 === 0 && f === 'error')).length;
    return { parked, heldBack: all.length - parked };
  }
}

/** Publishes a key's parked entries again (once their cause is fixed), then the key flows on. */
export async function releaseParkedKey(redis: Redis, stream: string, key: string): Promise<void> {
  await redis.sadd(`${stream}:released`, key);
}
