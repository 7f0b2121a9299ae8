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
