import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type TopicMessage } from '@platform/devstack/testing';
import { createLogger } from '@platform/service-kit';
import { Broker } from '../broker';

/** A message as the secret scan reads it (its type, so the two cannot drift apart). */
export type PrefixMessage = TopicMessage;

/**
 * Every message of every topic whose name starts with `prefix` (a run's topics and their DLQs), for a
 * test that checks what a whole run published (the secret scan). One consumer for all of them (one
 * group join, not one per topic), from the beginning up to each partition's end as it was when the
 * read started.
 */
export async function readTopicsWithPrefix(
  prefix: string,
  { brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), timeoutMs = 30_000 } = {},
): Promise<PrefixMessage[]> {
  const broker = new Broker({
    clientId: 'prefix-reader',
    brokers,
    logger: createLogger('prefix-reader', 'silent'),
  });
  try {
    const admin = await broker.getAdmin();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    const ends = new Map<string, number>(); // topic:partition → its end offset now
    for (const topic of topics)
      for (const e of await admin.fetchTopicOffsets(topic))
        if (Number(e.high) > 0) ends.set(`${topic}:${e.partition}`, Number(e.high));
    const nonEmpty = topics.filter((t) => [...ends.keys()].some((k) => k.startsWith(`${t}:`)));
    if (nonEmpty.length === 0) return [];

    const messages: PrefixMessage[] = [];
    const next = new Map<string, number>();
    // short fetch waits: disconnecting waits for the fetch in flight, which at the end waits for data
    const consumer = broker.createConsumer({
      groupId: `prefix-reader-${randomBytes(4).toString('hex')}`,
      maxWaitTimeInMs: 100,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: nonEmpty, fromBeginning: true });
      // nothing committed: the reader's group is gone with it instead of piling up on the broker
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const at = `${topic}:${partition}`;
          next.set(at, Number(message.offset) + 1);
          if (Number(message.offset) >= (ends.get(at) ?? 0)) return; // published after the read began
          messages.push({
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString('utf8'),
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
            ),
            value: message.value?.toString('utf8') ?? '',
          });
        },
      });
      const deadline = Date.now() + timeoutMs;
      while ([...ends].some(([at, end]) => (next.get(at) ?? 0) < end)) {
        if (Date.now() > deadline) throw new Error(`timed out reading the topics of ${prefix}`);
        await sleep(50);
      }
      return messages;
    } finally {
      await consumer.disconnect();
    }
  } finally {
    await broker.disconnect();
  }
}
