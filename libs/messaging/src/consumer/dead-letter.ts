import { dlqTopic } from '@platform/contracts';
import { type KafkaMessage } from 'kafkajs';
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
