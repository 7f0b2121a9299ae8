import type { ApiKey } from '@platform/contracts';
import { useState } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { when } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useAction, useLoad } from '../../ui/useLoad';
import { CreateKeyForm, type CreatedKey } from './CreateKeyForm';
import { NewKey } from './NewKey';

/** API keys (admin): the shop's keys (never the keys themselves), create one (shown once), revoke. */
export function ApiKeysPage() {
  const { api } = useSession();
  const [created, setCreated] = useState<CreatedKey>();
  const [status, setStatus] = useState('');
  const keys = useLoad(() => api<{ keys: ApiKey[] }>('/api/v1/api-keys'), []);
  const revoke = useAction(async (key: ApiKey) => {
    if (!window.confirm(`Revoke the key "${key.name}"? Anything using it stops working at once.`)) return;
    await api(`/api/v1/api-keys/${key.id}`, { method: 'DELETE' });
    setStatus(`The key "${key.name}" was revoked.`);
    keys.reload();
  });
  return (
    <section>
      <h1>API keys</h1>
      {created ? (
        <NewKey created={created} onDone={() => setCreated(undefined)} />
      ) : (
        <CreateKeyForm
          onCreated={(k) => {
            setCreated(k);
            setStatus('');
            keys.reload();
          }}
        />
      )}
      <p role="status">{status}</p>
      <ErrorMessage error={keys.error ?? revoke.error} />
      {keys.loading && !keys.data && <Loading what="Loading keys" />}
      {keys.data && keys.data.keys.length === 0 && <p>No keys yet.</p>}
      {keys.data && keys.data.keys.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Permissions</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.keys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>
                  <code>{k.key_prefix}…</code>
                </td>
                <td>{k.permissions.join(', ')}</td>
                <td>{when(k.created_at)}</td>
                <td>{k.last_used_at ? when(k.last_used_at) : 'Never'}</td>
                <td>
                  <span className="badge">{k.status}</span>
                </td>
                <td>
                  {k.status === 'active' && (
                    <button
                      type="button"
                      className="danger"
                      disabled={revoke.busy}
                      onClick={() => void revoke.run(k)}
                    >
                      Revoke {k.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
