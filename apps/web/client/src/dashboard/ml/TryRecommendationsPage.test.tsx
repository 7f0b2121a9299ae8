import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../../api/session';
import { envelope, stubFetch } from './fetchStub';
import { TryRecommendationsPage } from './TryRecommendationsPage';

function renderPage() {
  return render(
    <SessionProvider>
      <MemoryRouter>
        <TryRecommendationsPage />
      </MemoryRouter>
    </SessionProvider>,
  );
}

describe('TryRecommendationsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists a user's recommendations with the catalog's titles and how they were served", async () => {
    const stub = stubFetch({
      'POST /api/v1/recommendations': {
        body: {
          recommendations: [
            { item_id: 'game-1', score: 0.91234 },
            { item_id: 'gone-2', score: 0.5 },
          ],
          metadata: { model_version: 'v1.2.0', latency_ms: 3.25, cache_hit: true },
        },
      },
      'GET /api/items/game-1': { body: { item_id: 'game-1', title: 'Catan' } },
      'GET /api/items/gone-2': { status: 404, body: envelope('NOT_FOUND', 'no such item') },
    });
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByLabelText('User id'), 'buyer-7');
    await user.clear(screen.getByLabelText('Count'));
    await user.type(screen.getByLabelText('Count'), '2');
    await user.type(screen.getByLabelText('Categories (optional, comma-separated)'), 'games');
    await user.click(screen.getByLabelText('Include items the user already interacted with'));
    await user.click(screen.getByRole('button', { name: 'Get recommendations' }));

    expect(await screen.findByText(/2 items from model version/)).toHaveTextContent(
      '2 items from model version v1.2.0 in 3.3 ms, from the cache.',
    );
    const rows = screen.getAllByRole('row');
    expect(await within(rows[1]).findByText('Catan')).toBeInTheDocument();
    expect(within(rows[1]).getByText('0.9123')).toBeInTheDocument();
    expect(await within(rows[2]).findByText('not in the catalog')).toBeInTheDocument();
    expect(stub.calls.find((c) => c.path === '/api/v1/recommendations')?.body).toEqual({
      user_id: 'buyer-7',
      count: 2,
      include_interacted: true,
      filters: { categories: ['games'] },
    });
  });

  it('shows a refused request as a sentence', async () => {
    stubFetch({
      'POST /api/v1/recommendations': {
        status: 400,
        body: envelope('VALIDATION_ERROR', 'Invalid body', {
          fields: [{ field: 'filters.categories', reason: 'unknown category' }],
        }),
      },
    });
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByLabelText('User id'), 'buyer-7');
    await user.click(screen.getByRole('button', { name: 'Get recommendations' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Please check: filters.categories: unknown category.',
    );
  });
});
