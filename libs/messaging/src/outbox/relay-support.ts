import { setTimeout as sleep } from 'node:timers/promises';
import { type OutgoingMessage } from '../publisher';

/** What a relay needs of the Publisher (tests wrap it to inject failures). */
export interface OutboxPublisher {
  publish(messages: OutgoingMessage[]): Promise<void>;
}

// Failures of the connection to Kafka, not of one event: they must not count towards parking it,
// or an outage of a minute would park the head of every outbox.
const TRANSIENT = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSBrokerNotFound',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSLockTimeout',
  'KafkaJSMetadataNotLoaded',
  'OutboxPublishTimeout',
]);

/** True when the error (or one it wraps) says Kafka was unreachable rather than that it refused the event. */
export function isTransientPublishError(err: unknown): boolean {
  for (
    let e = err as
        { name?: string; retriable?: boolean; originalError?: unknown; cause?: unknown } | undefined,
      depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (e.name && TRANSIENT.has(e.name)) return true;
    if (e.name === 'KafkaJSProtocolError' && e.retriable) return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

/** A short description of a publish failure for the outbox's last_error (never the event itself). */
export const describeError = (err: unknown): string =>
  (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 500);

/** Capped exponential backoff. */
export const backoff = (base: number, max: number, failures: number) =>
  Math.min(max, base * 2 ** Math.max(0, failures - 1));

/** Sleeps that stop() cuts short, so a relay stops at once whatever it is waiting for. */
export class Pauser {
  private controller = new AbortController();

  async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.controller.signal }).catch(() => undefined);
  }

  wake(): void {
    this.controller.abort();
    this.controller = new AbortController();
  }
}

/**
 * Failed attempts per event, counted by the active relay (a successor starts again from zero, which
 * only delays parking). Only failures that are the event's own count (see isTransientPublishError).
 */
export class AttemptCounter {
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly maxAttempts: number,
    private readonly isTransient: (err: unknown) => boolean,
  ) {}

  /** Counts a failure of one event; true when it has now failed maxAttempts times and must be parked. */
  failed(id: string, err: unknown): boolean {
    if (this.isTransient(err)) return false;
    const n = (this.attempts.get(id) ?? 0) + 1;
    this.attempts.set(id, n);
    if (n < this.maxAttempts) return false;
    this.attempts.delete(id);
    return true;
  }

  succeeded(id: string): void {
    this.attempts.delete(id);
  }
}
