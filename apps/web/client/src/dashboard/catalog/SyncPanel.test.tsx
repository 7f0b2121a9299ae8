import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SessionProvider } from '../../api/session';
import { SyncPanel } from './SyncPanel';

const envelope = (code: string, message: string, details?: Record<string, unknown>) =>
  JSON.stringify({ error: { code, message, details, request_id: 'r', timestamp: 't' } });

/** The browser boundary: an admin's session, and the sync answering `answer` once `release()` is called. */
function stubServer(answer: () => Response) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const bodies: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL | string, init?: RequestInit) => {
      const path = new URL(String(url)).pathname;
      if (path === '/web-api/session/refresh')
        return Response.json({
          access_token: 'token',
          expires_in: 900,
          user: { id: 'u1', email: 'a@example.com', tenant_id: 't1', role: 'admin' },
        });
      bodies.push(JSON.parse(String(init?.body)));
      await released;
      return answer();
    }),
  );
  return { release, bodies };
}

afterEach(() => vi.unstubAllGlobals());

async function startSync(answer: () => Response, fullSync = false) {
  const user = userEvent.setup();
  const server = stubServer(answer);
  const onSynced = vi.fn();
  render(
    <SessionProvider>
      <SyncPanel onSynced={onSynced} />
    </SessionProvider>,
  );
  if (fullSync) await user.click(screen.getByLabelText(/^Full sync/));
  await user.click(screen.getByRole('button', { name: 'Sync from supplier' }));
  return { ...server, onSynced };
}

describe('SyncPanel', () => {
  it('is busy while the sync runs, then says its counts', async () => {
    const { release, bodies, onSynced } = await startSync(
      () =>
        Response.json({
          added: 12,
          updated: 3,
          removed: 1,
          categoriesCreated: 0,
          genresCreated: 0,
          platformsCreated: 0,
          errors: [],
        }),
      true,
    );
    expect(await screen.findByRole('button', { name: 'Syncing…' })).toBeDisabled();
    expect(screen.getByRole('progressbar', { name: 'Sync in progress' })).toBeInTheDocument();
    expect(bodies).toEqual([{ fullSync: true }]);
    release();
    expect(await screen.findByText('Sync finished: 12 added, 3 updated, 1 removed.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sync from supplier' })).toBeEnabled();
    expect(onSynced).toHaveBeenCalledTimes(1);
  });

  it('says a sync already running in a sentence', async () => {
    const { release } = await startSync(
      () => new Response(envelope('SYNC_IN_PROGRESS', 'A sync is running'), { status: 409 }),
    );
    release();
    expect(await screen.findByText(/A sync of this shop is already running/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says a sync the gateway stopped waiting for goes on, and reloads the list', async () => {
    const { release, onSynced } = await startSync(
      () =>
        new Response(
          envelope('SERVICE_UNAVAILABLE', 'order-service did not answer in time', {
            dependency: 'order-service',
            reason: 'timeout',
          }),
          { status: 504 },
        ),
    );
    release();
    expect(await screen.findByText(/goes on in the shop/)).toBeInTheDocument();
    expect(onSynced).toHaveBeenCalled();
  });

  it('shows another failure as an alert', async () => {
    const { release } = await startSync(
      () => new Response(envelope('SERVICE_UNAVAILABLE', 'the supplier is unavailable'), { status: 503 }),
    );
    release();
    expect(await screen.findByRole('alert')).toHaveTextContent(/not answering right now/);
  });
});
