import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

const brokers = () => (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

export interface ReadMessage {
  key?: string;
  value: string;
  headers: Record<string, string>;
  json<T = unknown>(): T;
}

const decode = (m: KafkaMessage): ReadMessage => {
  const value = m.value?.toString('utf8') ?? '';
  return {
    key: m.key?.toString('utf8'),
    value,
    headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])),
    json: <T>() => JSON.parse(value) as T,
  };
};

/**
 * Reads a topic from the beginning into memory, for tests that assert what a service published.
 * `until` decides when enough has arrived; an idle period after that lets duplicates show up too.
 */
export async function readTopic(
  topic: string,
  until: (messages: ReadMessage[]) => boolean,
  { timeoutMs = 20_000, settleMs = 1000 } = {},
): Promise<ReadMessage[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: brokers(), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-reader-${randomBytes(4).toString('hex')}` });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void messages.push(decode(message)) });
    const deadline = Date.now() + timeoutMs;
    while (!until(messages) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, settleMs));
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** Publishes raw values (valid or not) to a topic, as a misbehaving producer would. */
export async function produceRaw(topic: string, values: { key?: string; value: string }[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-producer', brokers: brokers(), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
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
  const admin = new Kafka({ clientId: 'test-admin', brokers: brokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const done = ends.every((end) => {
        const c = committed?.partitions.find((p) => p.partition === end.partition);
        return Number(end.high) === 0 || (c !== undefined && Number(c.offset) >= Number(end.high));
      });
      if (done) return;
      if (Date.now() > deadline) throw new Error(`group ${groupId} did not catch up on ${topic}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}
