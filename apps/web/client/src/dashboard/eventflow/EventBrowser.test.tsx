import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../../api/session';
import { stubFetch } from '../ml/fetchStub';
import { EventBrowser } from './EventBrowser';

const PRODUCER = '33333333-3333-4333-8333-333333333333';
const event = (n: number, type = 'order.created') => ({
  event_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  event_type: type,
  event_version: 1,
  producer_id: PRODUCER,
  payload: { n },
  received_at: '2026-01-01T10:00:00.000Z',
});

describe('EventBrowser', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks for the newest events every 3 s while Live is on, with the filters, and stops when it is off', async () => {
    let stored = [event(1)];
    const stub = stubFetch({
      'GET /api/v1/events': ({ url }) => {
        const type = url.searchParams.get('event_type');
        const items = stored.filter((e) => !type || e.event_type === type);
        return { body: { items, total: items.length, total_capped: false } };
      },
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    render(
      <SessionProvider>
        <MemoryRouter>
          <EventBrowser
            producers={[
              {
                producer_id: PRODUCER,
                name: 'checkout',
                description: '',
                key_prefix: 'evp_abc',
                status: 'active',
                created_at: '2026-01-01T00:00:00.000Z',
              },
            ]}
          />
        </MemoryRouter>
      </SessionProvider>,
    );
    expect(await screen.findByText('1 matching event · live.')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'checkout' })).toBeInTheDocument();

    stored = [event(3, 'cart.viewed'), event(2), ...stored];
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(await screen.findByText('3 matching events · live.')).toBeInTheDocument();

    await user.click(screen.getAllByRole('button', { name: 'Show payload' })[0]);
    expect(screen.getByText(/"n": 3/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Event type'), 'cart.viewed');
    expect(await screen.findByText('1 matching event · live.')).toBeInTheDocument();
    expect(stub.calls.at(-1)?.path).toContain('event_type=cart.viewed');

    await user.click(screen.getByLabelText('Live (refresh every 3 seconds)'));
    await act(() => vi.advanceTimersByTimeAsync(3000));
    const asked = stub.count('GET', '/api/v1/events');
    await act(() => vi.advanceTimersByTimeAsync(15_000));
    expect(stub.count('GET', '/api/v1/events')).toBe(asked);

    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(stub.count('GET', '/api/v1/events')).toBe(asked + 1);
  });

  it('pages on to older events with the cursor while Live is off', async () => {
    const stub = stubFetch({
      'GET /api/v1/events': ({ url }) =>
        url.searchParams.get('cursor') === 'c2'
          ? { body: { items: [event(1)], total: 3, total_capped: false } }
          : { body: { items: [event(3), event(2)], total: 3, total_capped: false, next: 'c2' } },
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    render(
      <SessionProvider>
        <MemoryRouter>
          <EventBrowser producers={[]} />
        </MemoryRouter>
      </SessionProvider>,
    );
    expect(await screen.findByText('3 matching events, the newest 2 shown · live.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show older events' })).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('Live (refresh every 3 seconds)'));
    await user.click(await screen.findByRole('button', { name: 'Show older events' }));
    expect(await screen.findByText('3 matching events.')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Show payload' })).toHaveLength(3);
    expect(stub.calls.at(-1)?.path).toContain('cursor=c2');
    expect(screen.queryByRole('button', { name: 'Show older events' })).not.toBeInTheDocument();
  });
});
