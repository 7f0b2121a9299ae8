import { EVENT_HEADERS, type EventEnvelope } from '@platform/contracts';
import { outgoingTraceparent, type Metrics } from '@platform/service-kit';
import { Counter } from 'prom-client';
import { Partitioners, type Producer } from 'kafkajs';
import { type Broker } from './broker';
import { tracingActive, underTraceparent } from './tracing';

export interface OutgoingMessage {
  topic: string;
  event: EventEnvelope;
  /** The Kafka key, when order must hold for something else than the aggregate (default `aggregate_id`). */
  key?: string;
  /** Sent as the `traceparent` header; defaults to the current request's trace. */
  traceparent?: string;
}

/** Idempotent producer, acks from all in-sync replicas, key = aggregate id (order per aggregate). */
export class Publisher {
  private producer: Producer;
  private readonly published?: Counter<'service' | 'topic' | 'event_type'>;
  private connected = false;

  constructor(
    private readonly broker: Broker,
    private readonly metrics?: Metrics,
  ) {
    this.producer = this.createProducer();
    if (metrics) {
      this.published = new Counter({
        name: 'events_published_total',
        help: 'Total events published',
        labelNames: ['service', 'topic', 'event_type'],
        registers: [metrics.registry],
      });
    }
  }

  private createProducer(): Producer {
    return this.broker.createProducer({
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /**
   * After a refused send (a message too large, say) kafkajs's idempotent producer has counted sequence
   * numbers the broker never accepted, and every later send to that partition fails with
   * OUT_OF_ORDER_SEQUENCE_NUMBER. A new producer (a new producer id) starts its sequences afresh.
   */
  private async replaceProducer(): Promise<void> {
    const old = this.producer;
    this.producer = this.createProducer();
    this.connected = false;
    await old.disconnect().catch(() => undefined);
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (!messages.length) return;
    await this.connect();
    const withTrace = messages.map((m) => ({ ...m, traceparent: m.traceparent ?? outgoingTraceparent() }));
    if (!tracingActive()) return this.send(withTrace);
    // tracing: each run of messages of one trace is sent under its (remote) parent, so the kafkajs
    // producer span joins that trace and its traceparent, a child of the writer's, is the header sent
    for (const run of runsOfOneTrace(withTrace))
      await underTraceparent(run[0].traceparent, () => this.send(run));
  }

  private async send(messages: OutgoingMessage[]): Promise<void> {
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) {
      const list = byTopic.get(m.topic);
      if (list) list.push(m);
      else byTopic.set(m.topic, [m]); // (copying the list per message was quadratic in the batch size)
    }
    await this.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, msgs]) => ({
        topic: this.broker.topic(topic),
        messages: msgs.map((m) => {
          const traceparent = m.traceparent;
          return {
            key: m.key ?? m.event.aggregate_id,
            value: JSON.stringify(m.event),
            headers: {
              [EVENT_HEADERS.eventType]: m.event.event_type,
              ...(traceparent ? { [EVENT_HEADERS.traceparent]: traceparent } : {}),
            },
          };
        }),
      })),
    });
    for (const m of messages) {
      this.published?.inc({ service: this.metrics?.service, topic: m.topic, event_type: m.event.event_type });
    }
  }

  private async sendBatch(batch: Parameters<Producer['sendBatch']>[0]): Promise<void> {
    try {
      await this.producer.sendBatch(batch);
    } catch (err) {
      await this.replaceProducer();
      throw err;
    }
  }

  /** Sends raw bytes as they came (dead-letter copies keep the original value untouched). */
  async sendRaw(
    topic: string,
    message: { key: Buffer | null; value: Buffer | null; headers: Record<string, string> },
  ) {
    await this.connect();
    await this.producer.send({ topic: this.broker.topic(topic), acks: -1, messages: [message] });
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    await this.producer.disconnect();
    this.connected = false;
  }
}

/** Consecutive messages with the same traceparent, in order (order per key holds across the runs). */
function runsOfOneTrace(messages: OutgoingMessage[]): OutgoingMessage[][] {
  const runs: OutgoingMessage[][] = [];
  for (const m of messages) {
    const last = runs[runs.length - 1];
    if (last && last[0].traceparent === m.traceparent) last.push(m);
    else runs.push([m]);
  }
  return runs;
}
