import { ApiError } from '../../api/errors';
import {
  busyJob,
  conflictMessage,
  isFinal,
  lossSeries,
  progressPercent,
  triggerBody,
  DEFAULTS,
} from './training';

describe('triggerBody', () => {
  it('sends the typed hyperparameters as numbers and leaves out the learning rate for ALS', () => {
    expect(
      triggerBody('matrix_factorization', { ...DEFAULTS.matrix_factorization, learning_rate: '0.3' }),
    ).toEqual({
      training_config: {
        model_type: 'matrix_factorization',
        hyperparameters: { embedding_dim: 64, epochs: 15 },
      },
    });
    expect(triggerBody('gnn', DEFAULTS.gnn)).toEqual({
      training_config: {
        model_type: 'gnn',
        hyperparameters: { embedding_dim: 32, epochs: 40, learning_rate: 0.05 },
      },
    });
  });

  it('leaves out empty fields so ml-engine takes its defaults', () => {
    const empty = { embedding_dim: '', epochs: ' ', learning_rate: '', start: '', end: '' };
    expect(triggerBody('two_tower', empty)).toEqual({
      training_config: { model_type: 'two_tower', hyperparameters: {} },
    });
  });

  it('turns the date range into whole UTC days, the end day included', () => {
    const body = triggerBody('gnn', { ...DEFAULTS.gnn, start: '2026-01-01', end: '2026-01-31' });
    expect(body).toMatchObject({
      training_config: {
        data_range: { start_date: '2026-01-01T00:00:00.000Z', end_date: '2026-02-01T00:00:00.000Z' },
      },
    });
  });

  it.each([
    [{ embedding_dim: '3' }, /Embedding size/],
    [{ embedding_dim: '12.5' }, /Embedding size/],
    [{ epochs: '501' }, /Epochs/],
    [{ learning_rate: '0' }, /Learning rate/],
    [{ learning_rate: 'fast' }, /Learning rate/],
    [{ start: '2026-01-01' }, /both dates/],
    [{ start: '2026-02-01', end: '2026-01-01' }, /end on or after/],
  ])('refuses %j with a sentence', (change, problem) => {
    const result = triggerBody('two_tower', { ...DEFAULTS.two_tower, ...change });
    expect(result).toHaveProperty('problem');
    expect((result as { problem: string }).problem).toMatch(problem);
  });
});

describe('job state', () => {
  it('knows the final statuses', () => {
    expect(['queued', 'running', 'completed', 'failed'].map((s) => isFinal(s as never))).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('shows progress as a percentage, 100 once completed', () => {
    expect(progressPercent({ status: 'running', progress: 0.456 })).toBe(46);
    expect(progressPercent({ status: 'completed', progress: 0.95 })).toBe(100);
    expect(progressPercent({ status: 'queued', progress: 0 })).toBe(0);
  });

  it('orders the loss curve by epoch and drops non-finite losses', () => {
    expect(
      lossSeries({
        epochs: [
          { epoch: 2, loss: 0.5 },
          { epoch: 1, loss: 0.9 },
          { epoch: 3, loss: Number.NaN },
        ],
      }),
    ).toEqual([
      { epoch: 1, loss: 0.9 },
      { epoch: 2, loss: 0.5 },
    ]);
  });
});

describe('conflictMessage', () => {
  it('names the running job of a 409', () => {
    const err = new ApiError(409, 'CONFLICT', 'busy', { job_id: 'a1b2' });
    expect(conflictMessage(err)).toMatch(/already running.*job a1b2/);
  });
  it('names the busy job of the list when the error does not', () => {
    const err = new ApiError(409, 'CONFLICT', 'busy');
    expect(conflictMessage(err, 'c3d4')).toMatch(/job c3d4/);
    expect(conflictMessage(err)).toMatch(/already running for this shop;/);
    expect(
      busyJob([
        { job_id: 'a', status: 'completed' },
        { job_id: 'b', status: 'running' },
      ])?.job_id,
    ).toBe('b');
  });
  it('is undefined for other errors', () => {
    expect(conflictMessage(new ApiError(400, 'VALIDATION_ERROR', 'bad'))).toBeUndefined();
    expect(conflictMessage(new Error('x'))).toBeUndefined();
  });
});
