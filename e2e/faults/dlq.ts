import { randomBytes, randomUUID } from 'node:crypto';
import { dlqTopic, EVENTS, TOPICS } from '@platform/contracts';
import { Broker, createEvent } from '@platform/messaging';
import { createLogger } from '@platform/service-kit';
import { type InvariantResult } from './invariant-result';

/** Every poisoned message's Kafka key starts with this; the dead-letter copy keeps the key. */
const POISON_KEY = 'fault-poison-';
// where each poisoned message was sent, by key (the checks run in the process that poisoned)
const sent = new Map<string, string>();
const DLQ_TIMEOUT_MS = 60_000;

const client = (brokers: string, prefix: string, id: string) =>
  new Broker({
    clientId: `faults-${id}`,
    brokers: brokers.split(','),
    topicPrefix: prefix,
    logger: createLogger(`faults-${id}`, 'silent'),
  });

/**
 * Poison of each kind a consumer must refuse without stopping: JSON that does not parse, an envelope
 * that breaks the contract, data that breaks its event's schema, and a well-formed EventFlow event its
 * store consumer refuses (no tenant), on topics every service reads. Each one must end in `<topic>.dlq`.
 */
function poisonMessages(): { topic: string; value: string }[] {
  const badEnvelope = (type: string) =>
    JSON.stringify({ event_id: 'not-a-uuid', event_type: type, data: {} });
  const tenantless = createEvent('EventFlowEventReceived', {
    aggregateId: randomUUID(),
    data: {
      producer_id: randomUUID(),
      event_type: 'faults.poison',
      event_version: 1,
      payload: {},
      received_at: new Date().toISOString(),
    },
  });
  // a valid envelope of a type payment-service refunds on, with none of its data
  const invalidOrder = {
    event_id: randomUUID(),
    event_type: 'OrderCancelled',
    aggregate_id: randomUUID(),
    aggregate_type: 'Order',
    occurred_at: new Date().toISOString(),
    version: EVENTS.OrderCancelled.version,
    data: {},
  };
  return [
    { topic: TOPICS.orderEvents, value: '{"event_id": "truncated' },
    { topic: TOPICS.orderEvents, value: JSON.stringify(invalidOrder) },
    { topic: TOPICS.paymentEvents, value: 'not json at all' },
    { topic: TOPICS.userEvents, value: '{]' },
    { topic: TOPICS.itemEvents, value: badEnvelope('ItemCreated') },
    { topic: TOPICS.notifications, value: badEnvelope('NotificationRequested') },
    { topic: TOPICS.interactionsIngested, value: badEnvelope('InteractionIngested') },
    { topic: TOPICS.eventflowEvents, value: JSON.stringify(tenantless) },
  ];
}

/**
 * Publishes the poison to the prefix's topics (as a misbehaving producer would); returns how many.
 * `topics`: only those (logical names), for a stack without the consumers of the others.
 */
export async function poison(opts: { brokers: string; prefix: string; topics?: string[] }): Promise<number> {
  const broker = client(opts.brokers, opts.prefix, 'poisoner');
  const producer = broker.createProducer({});
  await producer.connect();
  try {
    const run = randomBytes(3).toString('hex');
    const messages = poisonMessages()
      .filter((m) => !opts.topics || opts.topics.includes(m.topic))
      .map((m, i) => ({ ...m, key: `${POISON_KEY}${run}-${i}` }));
    for (const m of messages) {
      await producer.send({
        topic: broker.topic(m.topic),
        acks: -1,
        messages: [{ key: m.key, value: m.value }],
      });
      sent.set(m.key, m.topic);
    }
    return messages.length;
  } finally {
    await producer.disconnect();
    await broker.disconnect();
  }
}

export type DeadLetter = { topic: string; key: string; group: string; reason: string; error: string };

/**
 * Nothing is in a dead-letter topic of the prefix but the poison: reads every `<topic>.dlq` to its end
 * (waiting, up to a minute, until each poisoned message has reached the dead-letter topic of its topic),
 * and reports each other dead letter, each poisoned message that was never dead-lettered, and a count of
 * poison other than `poisoned`.
 */
export async function checkDeadLetters(opts: {
  brokers: string;
  prefix: string;
  poisoned: number;
}): Promise<InvariantResult> {
  const read = await readDeadLetters(opts.brokers, opts.prefix);
  return judgeDeadLetters(read, { ...opts, sent: poisonSent() });
}

/** What `poison` sent in this process: its topic by Kafka key. */
export const poisonSent = (): Map<string, string> => new Map(sent);

/** The check of `checkDeadLetters` on letters read (a test feeds it letters of its own). */
export function judgeDeadLetters(
  { letters, complete }: { letters: DeadLetter[]; complete: boolean },
  opts: { prefix: string; poisoned: number; sent: Map<string, string> },
): InvariantResult {
  const violations: string[] = complete ? [] : ['the dead-letter topics could not be read to their end'];
  for (const l of letters)
    if (!l.key.startsWith(POISON_KEY))
      violations.push(`${l.topic} holds ${l.key || '(no key)'} from ${l.group}: ${l.reason} ${l.error}`);
  for (const [key, topic] of opts.sent)
    if (!letters.some((l) => l.key === key && l.topic === opts.prefix + dlqTopic(topic)))
      violations.push(`poison ${key} on ${topic} never reached ${dlqTopic(topic)}`);
  const poisonSeen = new Set(letters.filter((l) => l.key.startsWith(POISON_KEY)).map((l) => l.key));
  if (poisonSeen.size !== opts.poisoned)
    violations.push(`${poisonSeen.size} poisoned messages dead-lettered, ${opts.poisoned} were sent`);
  return { name: 'nothing in a DLQ but the deliberate poison', checked: letters.length, violations };
}

/** Every message of the prefix's dead-letter topics; `complete` when read to the end of each. */
export async function readDeadLetters(
  brokers: string,
  prefix: string,
): Promise<{ letters: DeadLetter[]; complete: boolean }> {
  const broker = client(brokers, prefix, 'dlq-reader');
  const admin = await broker.getAdmin();
  const consumer = broker.createConsumer({ groupId: `faults-dlq-${randomBytes(4).toString('hex')}` });
  const letters: DeadLetter[] = [];
  const next = new Map<string, number>(); // topic:partition → next offset to read
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix) && t.endsWith('.dlq'));
    if (topics.length === 0) return { letters, complete: true };
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const header = (name: string) => message.headers?.[name]?.toString() ?? '';
        letters.push({
          topic,
          key: message.key?.toString() ?? '',
          group: header('dlq.consumer_group'),
          reason: header('dlq.reason'),
          error: header('dlq.error').slice(0, 200),
        });
        next.set(`${topic}:${partition}`, Number(message.offset) + 1);
      },
    });
    const deadline = Date.now() + DLQ_TIMEOUT_MS;
    const arrived = () => [...sent.keys()].every((k) => letters.some((l) => l.key === k));
    // the poison may still be on its way to the dead-letter topics: wait for it, then read to the end
    while (!arrived() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const ends = (await Promise.all(topics.map((t) => admin.fetchTopicOffsets(t)))).flatMap((offsets, i) =>
      offsets.map((o) => ({ key: `${topics[i]}:${o.partition}`, high: Number(o.high) })),
    );
    const atEnd = () => ends.every((e) => e.high === 0 || (next.get(e.key) ?? 0) >= e.high);
    while (!atEnd() && Date.now() < deadline + DLQ_TIMEOUT_MS) await new Promise((r) => setTimeout(r, 100));
    return { letters, complete: atEnd() };
  } finally {
    await consumer.disconnect();
    await broker.disconnect();
  }
}
