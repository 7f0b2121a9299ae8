// Helpers shared by the outbox tests (PostgreSQL, MongoDB, Redis).
import { randomUUID } from 'node:crypto';
import { type EventEnvelope } from '@platform/contracts';
import { sampleUserCreated } from '@platform/contracts/testing';
import { type Broker, type OutgoingMessage, type Publisher } from '../src';
import { type ReadMessage } from '../src/testing';

/** `perKey` events for each of `keys` aggregates, interleaved (k1, k2, …, k1, k2, …): commit order. */
export function keyedEvents(keys: number, perKey: number): EventEnvelope[] {
  const ids = Array.from({ length: keys }, () => randomUUID());
  return Array.from({ length: perKey }, () =>
    ids.map((id) => ({ ...sampleUserCreated(), aggregate_id: id })),
  ).flat();
}

/** The publisher, except that the sends for which `fail(n)` holds (n counts from 1) throw before sending. */
export function failingPublisher(inner: Pick<Publisher, 'publish'>, fail: (n: number) => boolean) {
  let calls = 0;
  let failures = 0;
  return {
    async publish(messages: OutgoingMessage[]) {
      if (fail(++calls)) {
        failures++;
        throw new Error('injected: the broker refused the request');
      }
      try {
        await inner.publish(messages);
      } catch (err) {
        failures++;
        throw err;
      }
    },
    failures: () => failures,
    calls: () => calls,
  };
}

/**
 * Asserts that each key's events arrived in commit order: exactly once each, or (across a crash
 * that re-sends) at least once, where the first arrival of each event is in commit order.
 */
export function expectPerKeyOrder(
  messages: ReadMessage[],
  committed: EventEnvelope[],
  { exactlyOnce }: { exactlyOnce: boolean },
) {
  const group = (pairs: [string, string][]) => {
    const byKey = new Map<string, string[]>();
    for (const [key, id] of pairs) byKey.set(key, [...(byKey.get(key) ?? []), id]);
    return byKey;
  };
  const expected = group(committed.map((e) => [e.aggregate_id, e.event_id]));
  const actual = group(messages.map((m) => [m.key ?? '', m.json<EventEnvelope>().event_id]));
  for (const [key, ids] of expected) {
    const got = actual.get(key) ?? [];
    expect(exactlyOnce ? got : [...new Set(got)]).toEqual(ids);
  }
}

/** Polls a condition (no fixed sleep): resolves as soon as it holds, fails after `timeoutMs`. */
export async function eventually(cond: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** How many messages a topic holds (the sum of its partitions' end offsets): 0 means nothing was published. */
export async function topicSize(broker: Broker, physicalTopic: string): Promise<number> {
  const ends = await (await broker.getAdmin()).fetchTopicOffsets(physicalTopic);
  return ends.reduce((n, p) => n + Number(p.high), 0);
}

/**
 * A publisher whose sends hang while `frozen` (a process that stopped, or a Kafka that does not
 * answer). Thawed, the hung sends fail, or with `deliver` they go out late, in the order they were made.
 */
export function freezablePublisher(inner: Pick<Publisher, 'publish'>) {
  let frozen = false;
  let calls = 0;
  const hung: { messages: OutgoingMessage[]; resolve: () => void; reject: (e: Error) => void }[] = [];
  return {
    publish: (messages: OutgoingMessage[]) => {
      calls++;
      if (!frozen) return inner.publish(messages);
      return new Promise<void>((resolve, reject) => hung.push({ messages, resolve, reject }));
    },
    freeze: () => (frozen = true),
    /** True once a send hangs: the relay is stuck in it, holding what it read. */
    stuck: () => hung.length > 0,
    /** Sends made so far, hung or not. */
    calls: () => calls,
    async thaw({ deliver = false } = {}) {
      frozen = false;
      for (const h of hung.splice(0)) {
        if (!deliver) h.reject(new Error('the frozen process never sent it'));
        else await inner.publish(h.messages).then(h.resolve, h.reject);
      }
    },
  };
}
