import type { EventFlowProducer } from '@platform/contracts';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../../api/session';
import { envelope, stubFetch } from '../ml/fetchStub';
import { EventFlowPage } from './EventFlowPage';

const KEY = `evp_${'a1B2'.repeat(8)}`;
const PRODUCER = '33333333-3333-4333-8333-333333333333';
const producer = (over: Partial<EventFlowProducer> = {}): EventFlowProducer => ({
  producer_id: PRODUCER,
  name: 'checkout',
  description: 'the checkout app',
  key_prefix: KEY.slice(0, 12),
  status: 'active',
  created_at: '2026-01-01T10:00:00.000Z',
  ...over,
});

function renderPage() {
  return render(
    <SessionProvider>
      <MemoryRouter>
        <EventFlowPage />
      </MemoryRouter>
    </SessionProvider>,
  );
}

const events = { body: { items: [], total: 0, total_capped: false } };
const consumers = { body: { consumers: [], total: 0 } };

describe('EventFlow producers', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a new producer key once, copies it, and never again after "Done"', async () => {
    let registered = false;
    const stub = stubFetch({
      'GET /api/v1/producers': () => ({ body: { producers: registered ? [producer()] : [] } }),
      'POST /api/v1/producers': () => {
        registered = true;
        return {
          status: 201,
          body: { producer_id: PRODUCER, api_key: KEY, created_at: '2026-01-01T10:00:00.000Z' },
        };
      },
      'GET /api/v1/events': events,
      'GET /api/v1/consumers': consumers,
    });
    const user = userEvent.setup();
    // after user-event's setup, which puts a clipboard of its own in place
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderPage();
    expect(await screen.findByText(/No producers yet/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Producer name'), 'checkout');
    await user.type(screen.getByLabelText('Description (optional)'), 'the checkout app');
    await user.click(screen.getByRole('button', { name: 'Register producer' }));

    const secret = await screen.findByText(KEY);
    expect(secret).toHaveTextContent(KEY);
    expect(secret).toHaveClass('secret');
    expect(stub.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/producers')?.body).toEqual({
      name: 'checkout',
      description: 'the checkout app',
    });
    // the list shows the prefix only
    const table = await screen.findByRole('table');
    expect(within(table).getByText(`${KEY.slice(0, 12)}…`)).toBeInTheDocument();
    expect(within(table).queryByText(KEY)).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(KEY);
    expect(await screen.findByText('Copied to the clipboard.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Done, I have saved it' }));
    expect(screen.queryByText(KEY)).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(KEY);
  });

  it('revokes a producer only after the confirmation, then shows it revoked', async () => {
    let revoked = false;
    const stub = stubFetch({
      'GET /api/v1/producers': () => ({
        body: {
          producers: [
            revoked ? producer({ status: 'revoked', revoked_at: '2026-01-02T10:00:00.000Z' }) : producer(),
          ],
        },
      }),
      [`DELETE /api/v1/producers/${PRODUCER}`]: () => {
        revoked = true;
        return { status: 204 };
      },
      'GET /api/v1/events': events,
      'GET /api/v1/consumers': consumers,
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Revoke checkout' }));
    expect(stub.count('DELETE', `/api/v1/producers/${PRODUCER}`)).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Yes, revoke checkout' }));
    expect(await screen.findByText("checkout's key is revoked.")).toBeInTheDocument();
    expect(stub.count('DELETE', `/api/v1/producers/${PRODUCER}`)).toBe(1);
    expect(await screen.findByText('revoked')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke checkout' })).not.toBeInTheDocument();
  });

  it('shows a refused registration as a sentence', async () => {
    stubFetch({
      'GET /api/v1/producers': { body: { producers: [] } },
      'POST /api/v1/producers': {
        status: 403,
        body: envelope('FORBIDDEN', 'needs a signed-in admin or developer'),
      },
      'GET /api/v1/events': events,
      'GET /api/v1/consumers': consumers,
    });
    const user = userEvent.setup();
    renderPage();
    await user.type(await screen.findByLabelText('Producer name'), 'x');
    await user.click(screen.getByRole('button', { name: 'Register producer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('needs a signed-in admin or developer');
    expect(document.querySelector('code.secret')).toBeNull();
  });
});
