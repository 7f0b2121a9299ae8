import { dlqTopic } from '@platform/contracts';
import { type Metrics } from '@platform/service-kit';
import { type KafkaMessage } from 'kafkajs';
import { Counter, Registry } from 'prom-client';
import { type Publisher } from '../publisher';

export type DeadLetterReason =
  'malformed_json' | 'invalid_envelope' | 'unknown_version' | 'invalid_data' | 'handler_failed';

const headerText = (headers: KafkaMessage['headers']): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('utf8') : String(v)]),
  );

/** Copies the message, byte for byte, to `<topic>.dlq` with why and where it came from in its headers. */
export async function deadLetter(
  publisher: Publisher,
  source: { topic: string; partition: number; message: KafkaMessage; group: string },
  reason: DeadLetterReason,
  error: string,
): Promise<void> {
  const { topic, partition, message, group } = source;
  await publisher.sendRaw(dlqTopic(topic), {
    key: message.key,
    value: message.value,
    headers: {
      ...headerText(message.headers),
      'dlq.reason': reason,
      'dlq.error': error.slice(0, 1000),
      'dlq.original_topic': topic,
      'dlq.original_partition': String(partition),
      'dlq.original_offset': message.offset,
      'dlq.consumer_group': group,
      'dlq.failed_at': new Date().toISOString(),
    },
  });
}

type DeadLetterLabels = 'group' | 'topic' | 'reason';

/** `kafka_dead_letters_total{group, topic, reason}`: messages a consumer group sent to `<topic>.dlq`. */
export function deadLetterCounter(metrics?: Metrics): Counter<DeadLetterLabels> {
  // without a service registry the counter lives in a private one, never in prom-client's global
  const registry = metrics?.registry ?? new Registry();
  const existing = registry.getSingleMetric('kafka_dead_letters_total') as
    Counter<DeadLetterLabels> | undefined;
  return (
    existing ??
    new Counter({
      name: 'kafka_dead_letters_total',
      help: 'Messages a consumer group sent to the dead-letter topic, by reason',
      labelNames: ['group', 'topic', 'reason'],
      registers: [registry],
    })
  );
}
