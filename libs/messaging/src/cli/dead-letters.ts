import { randomBytes } from 'node:crypto';
import { dlqTopic } from '@platform/contracts';
import { type KafkaMessage } from 'kafkajs';
import { type Broker } from '../broker';
import { Publisher } from '../publisher';

export interface DeadLetter {
  partition: number;
  offset: string;
  key?: string;
  value: Buffer | null;
  headers: Record<string, string>;
  reason: string;
  error: string;
  group: string;
  failedAt: string;
  originalTopic: string;
  /** The envelope's event_id when the value is one (malformed JSON has none). */
  eventId?: string;
}

// A replay leaves a marker on the dead-letter topic (no value, this header): the next replay skips
// the events it names, so running `replay` twice publishes each dead letter once.
const REPLAYED = 'dlq.replayed_event_id';
const REPLAYED_AT = 'dlq.replayed_offset';

const text = (headers: KafkaMessage['headers']): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('utf8') : String(v)]),
  );

const eventIdOf = (value: Buffer | null): string | undefined => {
  try {
    const id = (JSON.parse(value?.toString('utf8') ?? '') as { event_id?: unknown }).event_id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Everything on `<topic>.dlq` up to its end as of now: dead letters, and the positions
 * (`partition:offset`) of those already replayed.
 */
async function readDlq(
  broker: Broker,
  topic: string,
): Promise<{ letters: DeadLetter[]; replayed: Set<string> }> {
  const physical = broker.topic(dlqTopic(topic));
  const admin = await broker.getAdmin();
  const ends = await admin.fetchTopicOffsets(physical);
  const letters: DeadLetter[] = [];
  const replayed = new Set<string>();
  if (ends.every((e) => Number(e.high) <= Number(e.low))) return { letters, replayed };

  const groupId = `dlq-cli-${randomBytes(4).toString('hex')}`;
  const consumer = broker.createConsumer({ groupId, allowAutoTopicCreation: false });
  const next = new Map<number, number>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: physical, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      const check = () => {
        if (ends.every((e) => (next.get(e.partition) ?? Number(e.low)) >= Number(e.high))) resolve();
      };
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          next.set(partition, Number(message.offset) + 1);
          const headers = text(message.headers);
          if (headers[REPLAYED]) replayed.add(headers[REPLAYED_AT] ?? '');
          else
            letters.push({
              partition,
              offset: message.offset,
              key: message.key?.toString('utf8'),
              value: message.value,
              headers,
              reason: headers['dlq.reason'] ?? '',
              error: headers['dlq.error'] ?? '',
              group: headers['dlq.consumer_group'] ?? '',
              failedAt: headers['dlq.failed_at'] ?? '',
              originalTopic: headers['dlq.original_topic'] ?? topic,
              eventId: eventIdOf(message.value),
            });
          check();
        },
      });
    });
    await done;
    return { letters, replayed };
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
}

export async function listDeadLetters(broker: Broker, topic: string): Promise<DeadLetter[]> {
  return (await readDlq(broker, topic)).letters;
}

export interface ReplayResult {
  replayed: number;
  /**
   * Dead letters replayed before, or the same event dead-lettered by another group, replayed once in
   * this run. An event that failed again after its replay is a new dead letter, replayed again.
   */
  alreadyReplayed: number;
  /** Not an event (malformed JSON, no event_id): it would only come straight back. */
  skipped: number;
}

/**
 * Publishes each dead letter again to its original topic, with its original key and headers (the
 * `dlq.*` ones dropped), and marks it replayed (by its own partition and offset) on the dead-letter
 * topic, so a second run sends nothing again. The same event dead-lettered by several groups goes
 * out once.
 */
export async function replayDeadLetters(broker: Broker, topic: string): Promise<ReplayResult> {
  const { letters, replayed } = await readDlq(broker, topic);
  const publisher = new Publisher(broker);
  const result: ReplayResult = { replayed: 0, alreadyReplayed: 0, skipped: 0 };
  const sentNow = new Set<string>();
  const markReplayed = (letter: DeadLetter, at: string) =>
    publisher.sendRaw(dlqTopic(topic), {
      key: letter.key === undefined ? null : Buffer.from(letter.key),
      value: null,
      headers: { [REPLAYED]: letter.eventId ?? '', [REPLAYED_AT]: at },
    });
  try {
    for (const letter of letters) {
      if (!letter.eventId) {
        result.skipped += 1;
        continue;
      }
      const at = `${letter.partition}:${letter.offset}`;
      if (replayed.has(at) || sentNow.has(letter.eventId)) {
        if (!replayed.has(at)) await markReplayed(letter, at);
        result.alreadyReplayed += 1;
        continue;
      }
      const headers = Object.fromEntries(
        Object.entries(letter.headers).filter(([k]) => !k.startsWith('dlq.')),
      );
      await publisher.sendRaw(letter.originalTopic, {
        key: letter.key === undefined ? null : Buffer.from(letter.key),
        value: letter.value,
        headers,
      });
      await markReplayed(letter, at);
      sentNow.add(letter.eventId);
      result.replayed += 1;
    }
    return result;
  } finally {
    await publisher.disconnect();
  }
}
