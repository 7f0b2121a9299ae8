import { isTransientPublishError, type OutgoingMessage, type Publisher } from '@platform/messaging';
import { AppError, Errors } from '@platform/service-kit';

/**
 * Kafka refuses a record batch over `message.max.bytes` (1 MB by default), and kafkajs sends one batch
 * per partition without splitting it; so a request's messages go in slices well under that, one after
 * the other (the idempotent producer keeps their order).
 */
export const MAX_SLICE_BYTES = 800 * 1024;

/** Slices of messages whose serialised values stay under maxBytes (a larger single message is alone). */
export function sliceBySize(messages: OutgoingMessage[], maxBytes = MAX_SLICE_BYTES): OutgoingMessage[][] {
  const slices: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    // an estimate: the key, the JSON of the event and a margin for the headers and record framing
    const size = (m.key?.length ?? 0) + JSON.stringify(m.event).length + 128;
    if (current.length && bytes + size > maxBytes) {
      slices.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length) slices.push(current);
  return slices;
}

const timeout = (ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PublishTimeout(ms)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
};

class PublishTimeout extends Error {
  override name = 'KafkaJSRequestTimeoutError';
  constructor(ms: number) {
    super(`Kafka did not acknowledge within ${ms} ms`);
  }
}

/** The broker refused the records themselves (too large, not authorised): sending again cannot help. */
const refusedByBroker = (err: unknown): boolean => {
  const e = err as { name?: unknown; retriable?: unknown } | undefined;
  return e?.name === 'KafkaJSProtocolError' && e.retriable === false;
};

/**
 * Resolves once every message is on Kafka with acks=all; only then may the answer say "accepted".
 * kafkajs retries an unreachable broker for close to a minute, so a caller waits at most timeoutMs and
 * gets 503: nothing is claimed accepted, though a slice sent before the failure may still be on Kafka
 * (the caller's retry makes those records at-least-once, never lost; with an Idempotency-Key, once).
 * Any other failure of the producer is a 503 too: in a Kafka restart kafkajs also failed inside its own
 * reconnect (a TypeError releasing its idempotent producer's broker lock), which was a 500.
 */
export async function publishAccepted(
  publisher: Pick<Publisher, 'publish'>,
  messages: OutgoingMessage[],
  timeoutMs: number,
): Promise<void> {
  const limit = timeout(timeoutMs);
  try {
    for (const slice of sliceBySize(messages)) await Promise.race([publisher.publish(slice), limit.promise]);
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (!isTransientPublishError(err) && refusedByBroker(err)) throw Errors.internal(undefined, err);
    throw Errors.unavailable('Kafka is unavailable; nothing was accepted, try again', err);
  } finally {
    limit.cancel();
  }
}
