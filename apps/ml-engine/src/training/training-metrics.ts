import { type Metrics } from '@platform/service-kit';
import { Gauge, Histogram } from 'prom-client';

/**
 * Seed 002 §7 training metrics. `ml_training_loss` is set once the job registered its version (each
 * epoch of the final fit under that version's label), so the label is never a job id; while a job runs,
 * GET /internal/ml/training/jobs/{id} shows its epochs as they come.
 */
export function trainingMetrics(metrics: Metrics) {
  const registers = [metrics.registry];
  const duration = new Histogram({
    name: 'ml_training_duration_seconds',
    help: 'Wall time of finished training jobs (reading, validation fit, final fit, registration)',
    labelNames: ['tenant_id', 'model_type'],
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200],
    registers,
  });
  const loss = new Gauge({
    name: 'ml_training_loss',
    help: "Training loss per epoch of a model version's final fit",
    labelNames: ['tenant_id', 'model_version', 'epoch'],
    registers,
  });
  return {
    finished(tenantId: string, modelType: string, seconds: number) {
      duration.observe({ tenant_id: tenantId, model_type: modelType }, seconds);
    },
    losses(tenantId: string, version: string, epochs: { epoch: number; loss: number }[]) {
      for (const e of epochs)
        loss.set({ tenant_id: tenantId, model_version: version, epoch: String(e.epoch) }, e.loss);
    },
  };
}
export type TrainingMetrics = ReturnType<typeof trainingMetrics>;
