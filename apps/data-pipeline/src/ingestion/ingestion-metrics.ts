import { type Metrics } from '@platform/service-kit';
import { Counter } from 'prom-client';

export type RecordKind = 'interaction' | 'item';

/** `ingestion_records_total{kind,result}`: records accepted (on Kafka) or rejected by validation. */
export class IngestionMetrics {
  private readonly records: Counter<'kind' | 'result'>;

  constructor(metrics: Metrics) {
    this.records = new Counter({
      name: 'ingestion_records_total',
      help: 'Ingested records by kind (interaction, item) and result (accepted: on Kafka; rejected: invalid)',
      labelNames: ['kind', 'result'],
      registers: [metrics.registry],
    });
  }

  counted(kind: RecordKind, accepted: number, rejected: number): void {
    if (accepted) this.records.inc({ kind, result: 'accepted' }, accepted);
    if (rejected) this.records.inc({ kind, result: 'rejected' }, rejected);
  }
}
