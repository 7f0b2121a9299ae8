import { type Metrics } from '@platform/service-kit';
import { Gauge, Registry } from 'prom-client';

type LagLabels = 'group' | 'topic' | 'partition';

/**
 * `kafka_consumer_lag{group, topic, partition}`: messages on the partition this group has not
 * handled yet, from the high watermark of each fetched batch (no extra admin round trips).
 */
export class ConsumerLag {
  private readonly gauge: Gauge<LagLabels>;

  constructor(
    private readonly group: string,
    metrics?: Metrics,
  ) {
    // without a service registry the gauge lives in a private one, never in prom-client's global
    const registry = metrics?.registry ?? new Registry();
    const existing = registry.getSingleMetric('kafka_consumer_lag') as Gauge<LagLabels> | undefined;
    this.gauge =
      existing ??
      new Gauge({
        name: 'kafka_consumer_lag',
        help: 'Messages of a partition the consumer group has not handled yet',
        labelNames: ['group', 'topic', 'partition'],
        registers: [registry],
      });
  }

  /** `nextOffset` is the offset of the next message to handle (last handled + 1). */
  record(topic: string, partition: number, highWatermark: string, nextOffset: string): void {
    const lag = Math.max(0, Number(highWatermark) - Number(nextOffset));
    this.gauge.set({ group: this.group, topic, partition: String(partition) }, lag);
  }
}
