import { type OutgoingMessage, type Publisher } from '@platform/messaging';

interface Waiting {
  message: OutgoingMessage;
  bytes: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Kafka refuses a record batch over message.max.bytes (1 MB by default): stay well under it. */
const MAX_BATCH_BYTES = 800 * 1024;

/**
 * Publishes concurrent requests' events together. Each `publish` of the Publisher is one produce
 * request with acks=all, and the idempotent producer keeps at most 5 in flight, so one request per event
 * caps ingestion at a few hundred events a second however many producers send. Here the events that
 * arrive while earlier batches are in flight wait and go out as one batch; each caller still resolves
 * only once its own event is acknowledged by all in-sync replicas (or rejects with the batch's error).
 */
export class PublishBatcher {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly publisher: Pick<Publisher, 'publish'>,
    private readonly maxInFlight = 4,
  ) {}

  publish(message: OutgoingMessage): Promise<void> {
    const bytes = JSON.stringify(message.event).length + (message.key?.length ?? 0) + 128;
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ message, bytes, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // the requests of this turn of the event loop join the same batch
      setImmediate(() => {
        this.scheduled = false;
        this.drain();
      });
    });
  }

  private drain(): void {
    while (this.waiting.length && this.inFlight < this.maxInFlight) {
      const batch = this.take();
      this.inFlight++;
      this.publisher
        .publish(batch.map((w) => w.message))
        .then(
          () => batch.forEach((w) => w.resolve()),
          (err: unknown) => batch.forEach((w) => w.reject(err)),
        )
        .finally(() => {
          this.inFlight--;
          this.drain();
        });
    }
  }

  /** The oldest waiting events up to the size limit (at least one). */
  private take(): Waiting[] {
    let bytes = 0;
    let n = 0;
    while (n < this.waiting.length && (n === 0 || bytes + this.waiting[n]!.bytes <= MAX_BATCH_BYTES)) {
      bytes += this.waiting[n]!.bytes;
      n++;
    }
    return this.waiting.splice(0, n);
  }
}
