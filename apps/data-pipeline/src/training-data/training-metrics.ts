import { type Metrics } from '@platform/service-kit';
import { Counter } from 'prom-client';

type Labels = 'tenant_id' | 'kind';

/** Issue 9: Parquet files, bytes and rows written (new files and compacted ones), by tenant and kind. */
export class TrainingMetrics {
  private readonly files: Counter<Labels>;
  private readonly bytes: Counter<Labels>;
  private readonly rows: Counter<Labels>;

  constructor(metrics: Metrics) {
    const counter = (name: string, help: string) =>
      new Counter({ name, help, labelNames: ['tenant_id', 'kind'], registers: [metrics.registry] });
    this.files = counter(
      'parquet_files_written_total',
      'Parquet files written (interactions, items, compacted)',
    );
    this.bytes = counter('parquet_bytes_written_total', 'Bytes of the Parquet files written');
    this.rows = counter('parquet_rows_written_total', 'Rows in the Parquet files written');
  }

  written(f: { tenant_id: string; kind: string; row_count: number; size_bytes: number }): void {
    const labels = { tenant_id: f.tenant_id, kind: f.kind };
    this.files.inc(labels);
    this.bytes.inc(labels, f.size_bytes);
    this.rows.inc(labels, f.row_count);
  }
}
