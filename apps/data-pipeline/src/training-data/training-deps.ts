import { type Logger } from '@platform/service-kit';
import { type Pool } from 'pg';
import { type ObjectStore } from '@platform/storage';
import { type ParquetFiles } from './parquet-files';
import { type TrainingMetrics } from './training-metrics';

/** What the writer, the compactor and the sweep share. */
export interface TrainingDeps {
  pool: Pool;
  store: ObjectStore;
  files: ParquetFiles;
  metrics: TrainingMetrics;
  logger: Logger;
  /**
   * The name the writer keeps a topic's offsets under: the physical (prefixed) topic, so deployments or
   * test runs with other topic prefixes on one database never skip each other's offsets.
   */
  offsetTopic: (logicalTopic: string) => string;
}
