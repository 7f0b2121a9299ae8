import type { ModelType, TrainingJob, TrainingJobStatus } from '@platform/contracts';
import { ApiError } from '../../api/errors';

export const MODEL_TYPES: readonly ModelType[] = ['matrix_factorization', 'two_tower', 'gnn'];

export const MODEL_LABEL: Record<ModelType, string> = {
  matrix_factorization: 'Matrix factorisation (ALS)',
  two_tower: 'Two-tower',
  gnn: 'Graph network (LightGCN)',
};

/** ml-engine's defaults for the fields the form shows (ALS has no learning rate). */
export const DEFAULTS: Record<ModelType, TrainForm> = {
  matrix_factorization: { embedding_dim: '64', epochs: '15', learning_rate: '', start: '', end: '' },
  two_tower: { embedding_dim: '32', epochs: '30', learning_rate: '0.02', start: '', end: '' },
  gnn: { embedding_dim: '32', epochs: '40', learning_rate: '0.05', start: '', end: '' },
};

export const usesLearningRate = (type: ModelType) => type !== 'matrix_factorization';

/** The form as typed: strings, the dates from `<input type="date">` (YYYY-MM-DD). */
export interface TrainForm {
  embedding_dim: string;
  epochs: string;
  learning_rate: string;
  start: string;
  end: string;
}

export interface TriggerBody {
  training_config: {
    model_type: ModelType;
    hyperparameters: { embedding_dim?: number; epochs?: number; learning_rate?: number };
    data_range?: { start_date: string; end_date: string };
  };
}

/** The trigger body from the form, or a sentence saying what to fix (the limits ml-engine checks). */
export function triggerBody(type: ModelType, form: TrainForm): TriggerBody | { problem: string } {
  const hyper: TriggerBody['training_config']['hyperparameters'] = {};
  const int = (v: string, min: number, max: number) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
  if (form.embedding_dim.trim()) {
    hyper.embedding_dim = int(form.embedding_dim, 4, 512);
    if (hyper.embedding_dim === undefined)
      return { problem: 'Embedding size must be a whole number from 4 to 512.' };
  }
  if (form.epochs.trim()) {
    hyper.epochs = int(form.epochs, 1, 500);
    if (hyper.epochs === undefined) return { problem: 'Epochs must be a whole number from 1 to 500.' };
  }
  if (usesLearningRate(type) && form.learning_rate.trim()) {
    const lr = Number(form.learning_rate);
    if (!(lr > 0 && lr <= 10)) return { problem: 'Learning rate must be a number above 0 and at most 10.' };
    hyper.learning_rate = lr;
  }
  const body: TriggerBody = { training_config: { model_type: type, hyperparameters: hyper } };
  if (form.start || form.end) {
    if (!form.start || !form.end) return { problem: 'Give both dates of the data range, or neither.' };
    const start = new Date(`${form.start}T00:00:00Z`);
    const end = new Date(`${form.end}T00:00:00Z`);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()))
      return { problem: 'The data range needs two valid dates.' };
    // the end day is included: the range ends at the next midnight
    end.setUTCDate(end.getUTCDate() + 1);
    if (end <= start) return { problem: 'The data range must end on or after its start.' };
    body.training_config.data_range = { start_date: start.toISOString(), end_date: end.toISOString() };
  }
  return body;
}

export const FINAL_STATUSES: readonly TrainingJobStatus[] = ['completed', 'failed'];
export const isFinal = (status: TrainingJobStatus) => FINAL_STATUSES.includes(status);

/** The job's progress as a whole percentage (0–100). */
export const progressPercent = (job: Pick<TrainingJob, 'progress' | 'status'>) =>
  job.status === 'completed' ? 100 : Math.round(Math.min(1, Math.max(0, job.progress)) * 100);

/** The loss curve: one point per epoch, in epoch order, non-finite losses left out. */
export function lossSeries(job: Pick<TrainingJob, 'epochs'>): { epoch: number; loss: number }[] {
  return job.epochs
    .filter((e) => Number.isFinite(e.loss))
    .map((e) => ({ epoch: e.epoch, loss: e.loss }))
    .sort((a, b) => a.epoch - b.epoch);
}

/** A 409 from trigger: the shop has a job queued or running. */
export const isConflict = (err: unknown) => err instanceof ApiError && err.status === 409;

/**
 * The sentence for a 409 from trigger (a job already queued or running), naming that job (the error's
 * details.job_id, else `busyJobId`: the queued or running job of the list); else undefined.
 */
export function conflictMessage(err: unknown, busyJobId?: string): string | undefined {
  if (!(err instanceof ApiError) || !isConflict(err)) return undefined;
  const id = typeof err.details?.job_id === 'string' ? err.details.job_id : busyJobId;
  return id
    ? `A training job is already running for this shop (job ${id}); wait for it to finish before starting another.`
    : 'A training job is already running for this shop; wait for it to finish before starting another.';
}

/** The job of the list still queued or running (ml-engine runs one per shop at a time). */
export const busyJob = (jobs: readonly Pick<TrainingJob, 'job_id' | 'status'>[] | undefined) =>
  jobs?.find((j) => !isFinal(j.status));

export const STATUS_LABEL: Record<TrainingJobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
};
