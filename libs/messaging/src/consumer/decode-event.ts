import { EVENTS, EventEnvelopeSchema, eventSchema, isKnownEventType } from '@platform/contracts';
import { type DeadLetterReason } from './dead-letter';

export type Decoded =
  | { kind: 'event'; type: keyof typeof EVENTS; event: unknown }
  /** A well-formed event this consumer has no business with. */
  | { kind: 'ignored' }
  /** Can never be handled as it is: goes to the dead-letter topic. */
  | { kind: 'poison'; reason: DeadLetterReason; error: string };

/**
 * A Kafka message value as the contract's event, checked in the order that names the first fault:
 * JSON, envelope, then (only for types `wanted`) schema version and data. Types nobody here handles
 * are ignored before their version or data are looked at: they are another consumer's business.
 */
export function decodeEvent(value: Buffer | null, wanted: (type: string) => boolean): Decoded {
  let raw: unknown;
  try {
    raw = JSON.parse(value?.toString('utf8') ?? '');
  } catch (err) {
    return { kind: 'poison', reason: 'malformed_json', error: (err as Error).message };
  }
  const envelope = EventEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return { kind: 'poison', reason: 'invalid_envelope', error: envelope.error.message };

  const { event_type: type, version } = envelope.data;
  if (!isKnownEventType(type) || !wanted(type)) return { kind: 'ignored' };
  if (version !== EVENTS[type].version) {
    const error = `${type} version ${version}; this consumer knows ${EVENTS[type].version}`;
    return { kind: 'poison', reason: 'unknown_version', error };
  }
  const event = eventSchema(type).safeParse(raw);
  if (!event.success) return { kind: 'poison', reason: 'invalid_data', error: event.error.message };
  return { kind: 'event', type, event: event.data };
}
