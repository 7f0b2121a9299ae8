import type { SyncResult } from '@platform/contracts';
import { useState } from 'react';
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
  const running = sync.error instanceof ApiError && sync.error.code === 'SYNC_IN_PROGRESS';
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
        {sync.busy && <p>Syncing the supplier&apos;s products: this can take a minute.</p>}
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
      {!running && <ErrorMessage error={sync.error} />}
    </div>
  );
}
