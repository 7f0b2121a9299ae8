import { randomBytes } from 'node:crypto';
import { type KafkaMessage } from 'kafkajs';
import { createLogger } from '@platform/service-kit';
import { Broker } from '../broker';

const brokers = () => (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/** A client for tests, on the physical topic names they pass (no prefix). */
const testBroker = (clientId: string) =>
  new Broker({ clientId, brokers: brokers(), logger: createLogger(clientId, 'silent') });

export interface ReadMessage {
  key?: string;
  value: string;
  headers: Record<string, string>;
  partition: number;
  offset: string;
  json<T = unknown>(): T;
}

const decode = (partition: number, m: KafkaMessage): ReadMessage => {
  const value = m.value?.toString('utf8') ?? '';
  return {
    key: m.key?.toString('utf8'),
    value,
    headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])),
    partition,
    offset: m.offset,
    json: <T>() => JSON.parse(value) as T,
  };
};

const poll = async (done: () => boolean | Promise<boolean>, deadline: number, what: string) => {
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * Reads a topic from the beginning, for tests that assert what a service published. Once `until`
 * holds, it goes on reading up to the end of every partition as it is at that moment, so duplicates
 * already published are in the result too (no fixed wait). `until` never holding is a timeout error.
 */
export async function readTopic(
  topic: string,
  until: (messages: ReadMessage[]) => boolean,
  { timeoutMs = 20_000 } = {},
): Promise<ReadMessage[]> {
  const broker = testBroker('test-reader');
  const consumer = broker.createConsumer({ groupId: `test-reader-${randomBytes(4).toString('hex')}` });
  const messages: ReadMessage[] = [];
  const next = new Map<number, number>(); // partition → next offset to read
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    // nothing committed: the reader's group is gone with it instead of piling up on the broker
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        messages.push(decode(partition, message));
        next.set(partition, Number(message.offset) + 1);
      },
    });
    const deadline = Date.now() + timeoutMs;
    await poll(() => until(messages), deadline, `${topic} to hold the expected messages`);
    const admin = await broker.getAdmin();
    const ends = await admin.fetchTopicOffsets(topic);
    await poll(
      () => ends.every((e) => Number(e.high) === 0 || (next.get(e.partition) ?? 0) >= Number(e.high)),
      deadline,
      `the end of ${topic}`,
    );
    return [...messages];
  } finally {
    await consumer.disconnect();
    await broker.disconnect();
  }
}

/** The end offset (high watermark) of each partition of a physical topic, by partition. */
export async function topicEndOffsets(topic: string): Promise<Map<number, number>> {
  const broker = testBroker('test-offsets');
  try {
    const ends = await (await broker.getAdmin()).fetchTopicOffsets(topic);
    return new Map(ends.map((e) => [e.partition, Number(e.high)]));
  } finally {
    await broker.disconnect();
  }
}

/** Publishes raw values (valid or not) to a topic, as a misbehaving producer would. */
export async function produceRaw(topic: string, values: { key?: string; value: string }[]): Promise<void> {
  const producer = testBroker('test-producer').createProducer({});
  await producer.connect();
  try {
    await producer.send({ topic, messages: values });
  } finally {
    await producer.disconnect();
  }
}

/**
 * Waits until a consumer group has committed offsets up to the end of every partition of a topic:
 * everything published so far has been processed (the deterministic way to assert "nothing more came").
 */
export async function waitForGroupCaughtUp(
  groupId: string,
  topic: string,
  { timeoutMs = 20_000 } = {},
): Promise<void> {
  const broker = testBroker('test-admin');
  const admin = await broker.getAdmin();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    await poll(
      async () => {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return ends.every((end) => {
          const c = committed?.partitions.find((p) => p.partition === end.partition);
          return Number(end.high) === 0 || (c !== undefined && Number(c.offset) >= Number(end.high));
        });
      },
      Date.now() + timeoutMs,
      `group ${groupId} to catch up on ${topic}`,
    );
  } finally {
    await broker.disconnect();
  }
}

/** The topics of test runs (`uniqueTopicPrefix`: `t` and eight hex digits, then a dot). */
export const TEST_TOPIC = /^t[0-9a-f]{8}\./;

/**
 * Deletes every test topic left by earlier runs. Each test file makes its own prefix's topics (three
 * partitions each, and a `.dlq`); kept run after run they pile up to tens of thousands of partition
 * folders, and Kafka, out of file handles, takes its log directory offline. Run it before a run, never
 * during one: it deletes every test prefix, not only finished ones.
 */
export async function deleteTestTopics(): Promise<number> {
  const broker = testBroker('test-topic-pruner');
  try {
    const admin = await broker.getAdmin();
    const stale = (await admin.listTopics()).filter((t) => TEST_TOPIC.test(t));
    for (let i = 0; i < stale.length; i += 200)
      await admin.deleteTopics({ topics: stale.slice(i, i + 200), timeout: 60_000 });
    return stale.length;
  } finally {
    await broker.disconnect();
  }
}
