import type { ModelVersion } from '@platform/contracts';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../../api/session';
import { stubFetch } from './fetchStub';
import { ModelsPage } from './ModelsPage';

const model = (version: string, over: Partial<ModelVersion> = {}): ModelVersion => ({
  version,
  model_type: 'two_tower',
  status: 'candidate',
  job_id: '00000000-0000-4000-8000-000000000001',
  validation_metrics: {
    ndcg_at_10: 0.3,
    recall_at_10: 0.4,
    baseline: { name: 'popularity', ndcg_at_10: 0.1, recall_at_10: 0.2 },
    users_evaluated: 9,
  },
  users: 9,
  items: 30,
  dimension: 16,
  created_at: '2026-01-01T00:00:00.000Z',
  activated_at: null,
  ...over,
});

describe('ModelsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('activates a version after the confirmation, then rolls back to the one before, the list refreshed each time', async () => {
    let active = 'v1.1.0';
    const activations: string[] = [];
    const list = () => ({
      body: {
        active_version: active,
        models: ['v1.1.0', 'v1.2.0'].map((v, i) =>
          model(v, {
            status: v === active ? 'active' : 'candidate',
            activated_at:
              v === active || (v === 'v1.1.0' && activations.length)
                ? `2026-01-0${i + 2}T00:00:00.000Z`
                : null,
          }),
        ),
      },
    });
    const stub = stubFetch({
      'GET /web-api/ml/models': list,
      'POST /web-api/ml/models/v1.2.0/activate': () => {
        activations.push('v1.2.0');
        active = 'v1.2.0';
        return { body: model('v1.2.0', { status: 'active' }) };
      },
      'POST /web-api/ml/models/v1.1.0/activate': () => {
        activations.push('v1.1.0');
        active = 'v1.1.0';
        return { body: model('v1.1.0', { status: 'active' }) };
      },
    });
    const user = userEvent.setup();
    renderPageOnce();
    const table = await screen.findByRole('table');
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((c) => c.textContent),
    ).toEqual(['v1.2.0', 'v1.1.0']);
    expect(screen.getByRole('figure', { name: /NDCG@10 and Recall@10/ })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Activate v1.2.0' }));
    expect(activations).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Yes, activate v1.2.0' }));
    expect(await screen.findByText('v1.2.0 is now the active version.')).toBeInTheDocument();
    expect(await screen.findByText('v1.2.0', { selector: 'strong' })).toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: 'Roll back to v1.1.0' }));
    await user.click(screen.getByRole('button', { name: 'Yes, roll back to v1.1.0' }));
    expect(await screen.findByText('Rolled back: v1.1.0 is active again.')).toBeInTheDocument();
    expect(activations).toEqual(['v1.2.0', 'v1.1.0']);
    expect(stub.count('GET', '/web-api/ml/models')).toBeGreaterThanOrEqual(3);
  });
});

function renderPageOnce() {
  return render(
    <SessionProvider>
      <MemoryRouter>
        <ModelsPage />
      </MemoryRouter>
    </SessionProvider>,
  );
}
