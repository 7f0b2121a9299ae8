import type { TrainingJob } from '@platform/contracts';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../../api/session';
import { envelope, stubFetch } from './fetchStub';
import { TrainingPage } from './TrainingPage';

const JOB = '11111111-1111-4111-8111-111111111111';
const job = (over: Partial<TrainingJob>): TrainingJob => ({
  job_id: JOB,
  tenant_id: '00000000-0000-4000-8000-0000000000aa',
  model_type: 'two_tower',
  status: 'queued',
  progress: 0,
  hyperparameters: { embedding_dim: 16, epochs: 3 },
  data_range: null,
  epochs: [],
  validation_metrics: null,
  model_version: null,
  error: null,
  created_at: '2026-01-01T10:00:00.000Z',
  started_at: null,
  finished_at: null,
  ...over,
});

function renderPage() {
  return render(
    <SessionProvider>
      <MemoryRouter>
        <TrainingPage />
      </MemoryRouter>
    </SessionProvider>,
  );
}

describe('TrainingPage', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('starts a job and follows its progress every 2 s until it completes, then stops asking', async () => {
    const states: TrainingJob[] = [
      job({ status: 'queued' }),
      job({
        status: 'running',
        progress: 0.5,
        epochs: [
          { epoch: 1, loss: 0.9 },
          { epoch: 2, loss: 0.6 },
        ],
      }),
      job({
        status: 'completed',
        progress: 1,
        epochs: [
          { epoch: 1, loss: 0.9 },
          { epoch: 2, loss: 0.6 },
          { epoch: 3, loss: 0.4 },
        ],
        model_version: 'v1.1.0',
        validation_metrics: {
          ndcg_at_10: 0.4321,
          recall_at_10: 0.5,
          baseline: { name: 'popularity', ndcg_at_10: 0.2, recall_at_10: 0.3 },
          users_evaluated: 42,
        },
      }),
    ];
    // the job moves on one state per GET of it; the list shows it as last seen
    let seen: TrainingJob | undefined;
    const stub = stubFetch({
      'GET /web-api/ml/training/jobs': () => ({ body: { jobs: seen ? [seen] : [] } }),
      'GET /web-api/ml/training/policy': {
        body: { enabled: false, model_type: 'matrix_factorization', min_new_rows: 1000 },
      },
      'POST /web-api/ml/training/trigger': {
        status: 202,
        body: { job_id: JOB, status: 'queued', estimated_duration_minutes: 1 },
      },
      [`GET /web-api/ml/training/jobs/${JOB}`]: () => {
        seen = states.length > 1 ? states.shift() : states[0];
        return { body: seen };
      },
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderPage();
    expect(await screen.findByText(/No training jobs yet/)).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Model type'), 'two_tower');
    await user.clear(screen.getByLabelText('Embedding size'));
    await user.type(screen.getByLabelText('Embedding size'), '16');
    await user.clear(screen.getByLabelText('Epochs'));
    await user.type(screen.getByLabelText('Epochs'), '3');
    await user.click(screen.getByRole('button', { name: 'Start training' }));

    expect(await screen.findByText(`Training job ${JOB} is queued; about 1 min.`)).toBeInTheDocument();
    expect(stub.calls.find((c) => c.path === '/web-api/ml/training/trigger')?.body).toEqual({
      training_config: {
        model_type: 'two_tower',
        hyperparameters: { embedding_dim: 16, epochs: 3, learning_rate: 0.02 },
      },
    });
    const progress = await screen.findByLabelText('Training progress');
    expect(progress).toHaveAttribute('value', '0');

    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(await screen.findByText('50% done')).toBeInTheDocument();
    expect(screen.getByLabelText('Training progress')).toHaveAttribute('value', '50');
    // the list shows the followed job's progress too
    expect(within(await screen.findByRole('table')).getByText('50%')).toBeInTheDocument();
    expect(screen.getByText(/Loss per epoch: 2 epochs, last 0.6000/)).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(await screen.findByText('Completed (100%)')).toBeInTheDocument();
    expect(screen.getByText(/0\.4321 \(popularity 0\.2000\)/)).toBeInTheDocument();
    expect(screen.getByText('v1.1.0', { selector: 'strong' })).toBeInTheDocument();
    // the list was refreshed when the job moved on, and shows it completed
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('Completed')).toBeInTheDocument();

    const asked = stub.count('GET', `/web-api/ml/training/jobs/${JOB}`);
    expect(asked).toBe(3);
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(stub.count('GET', `/web-api/ml/training/jobs/${JOB}`)).toBe(asked);
  });

  it('names the running job when the shop already has one (409), and drops the sentence once that job is done', async () => {
    const running = '22222222-2222-4222-8222-222222222222';
    const busy = job({ job_id: running, status: 'running', progress: 0.3 });
    let asked = 0;
    stubFetch({
      // the list knows the running job; the refusal does not name it (as the web server forwards it)
      'GET /web-api/ml/training/jobs': () => ({
        body: { jobs: [asked >= 2 ? { ...busy, status: 'completed', progress: 1 } : busy] },
      }),
      'GET /web-api/ml/training/policy': { body: { enabled: false } },
      [`GET /web-api/ml/training/jobs/${running}`]: () => {
        asked += 1;
        return { body: asked >= 2 ? { ...busy, status: 'completed', progress: 1 } : busy };
      },
      'POST /web-api/ml/training/trigger': { status: 409, body: envelope('CONFLICT', 'a job is running') },
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderPage();
    expect(await screen.findByText('30% done')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Start training' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      `A training job is already running for this shop (job ${running}); wait for it to finish before starting another.`,
    );
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(await screen.findByText('Completed (100%)')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('shows why a failed job failed', async () => {
    stubFetch({
      'GET /web-api/ml/training/jobs': {
        body: { jobs: [job({ status: 'failed', error: 'no training data in range' })] },
      },
      'GET /web-api/ml/training/policy': { body: { enabled: true, model_type: 'gnn', min_new_rows: 50 } },
      [`GET /web-api/ml/training/jobs/${JOB}`]: {
        body: job({ status: 'failed', error: 'no training data in range' }),
      },
    });
    renderPage();
    expect(await screen.findByText('The job failed: no training data in range.')).toBeInTheDocument();
    expect(
      await screen.findByLabelText('Retrain automatically when new training data arrives'),
    ).toBeChecked();
    expect(screen.getByLabelText('New interaction rows before a retrain')).toHaveValue(50);
  });
});
