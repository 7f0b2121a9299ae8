import type { SyncResult } from '@platform/contracts';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/errors';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useLoad';
import { syncSummary } from './catalog';

/** "Sync from supplier" (admin): busy while it runs, then its counts; a sync already running is said in words. */
export function SyncPanel({ onSynced }: { onSynced(): void }) {
  const { api } = useSession();
  const [fullSync, setFullSync] = useState(false);
  const [result, setResult] = useState<SyncResult>();
  const sync = useAction(async () => {
    setResult(undefined);
    const r = await api<SyncResult>('/api/catalog/sync', { method: 'POST', body: { fullSync } });
    setResult(r);
    onSynced();
  });
  const failure = sync.error instanceof ApiError ? sync.error : undefined;
  const running = failure?.code === 'SYNC_IN_PROGRESS';
  // the gateway stopped waiting (504, reason timeout), but the sync goes on in the shop: its items appear as it runs
  const stillGoing = failure?.status === 504 || failure?.details?.reason === 'timeout';
  const seconds = useElapsed(sync.busy);
  useEffect(() => {
    if (stillGoing) onSynced();
  }, [stillGoing, onSynced]);
  return (
    <div className="card">
      <h2>Supplier</h2>
      <p>
        <input
          type="checkbox"
          id="full-sync"
          checked={fullSync}
          onChange={(e) => setFullSync(e.target.checked)}
        />{' '}
        <label htmlFor="full-sync">Full sync (also remove items the supplier no longer lists)</label>
      </p>
      <button type="button" onClick={() => void sync.run()} disabled={sync.busy} aria-busy={sync.busy}>
        {sync.busy ? 'Syncing…' : 'Sync from supplier'}
      </button>
      <div role="status" aria-live="polite">
        {sync.busy && (
          <p>
            <progress aria-label="Sync in progress" /> Syncing the supplier&apos;s products ({seconds} s):
            this can take a minute.
          </p>
        )}
        {stillGoing && (
          <p className="notice">
            The sync is taking longer than this page waits for an answer; it goes on in the shop. Its items
            appear in the list as it runs: press &quot;Sync from supplier&quot; again later to see its counts.
          </p>
        )}
        {result && <p className="notice">{syncSummary(result)}</p>}
        {running && (
          <p className="notice">
            A sync of this shop is already running; wait for it to finish and try again.
          </p>
        )}
      </div>
      {result && result.errors.length > 0 && (
        <ul>
          {result.errors.slice(0, 10).map((e) => (
            <li key={e.productId}>
              {e.productId}: {e.error}
            </li>
          ))}
        </ul>
      )}
      {!running && !stillGoing && <ErrorMessage error={sync.error} />}
    </div>
  );
}

/** Whole seconds since `on` became true (0 while off), ticking once a second. */
function useElapsed(on: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!on) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [on]);
  return seconds;
}
