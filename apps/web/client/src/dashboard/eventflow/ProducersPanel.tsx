import type { EventFlowProducer } from '@platform/contracts';
import { useCallback, useState, type FormEvent } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { when } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useAction, type Loaded } from '../../ui/useLoad';
import { Confirm } from '../ml/Confirm';
import { NewProducerKey } from './NewProducerKey';

interface Created {
  producer_id: string;
  api_key: string;
  created_at: string;
}

/** Producers: the list (key prefixes only), register one (its key shown once), revoke with a confirmation. */
export function ProducersPanel({ producers }: { producers: Loaded<{ producers: EventFlowProducer[] }> }) {
  const { api } = useSession();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const [revoking, setRevoking] = useState<EventFlowProducer>();
  const [notice, setNotice] = useState<string>();
  const register = useAction(
    useCallback(
      (body: { name: string; description: string }) =>
        api<Created>('/api/v1/producers', { method: 'POST', body }),
      [api],
    ),
  );
  const revoke = useAction(
    useCallback(
      async (id: string) => {
        await api<void>(`/api/v1/producers/${encodeURIComponent(id)}`, { method: 'DELETE' });
        return true;
      },
      [api],
    ),
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(undefined);
    const res = await register.run({ name: name.trim(), description: description.trim() });
    if (!res) return;
    setCreated({ name: name.trim(), key: res.api_key });
    setName('');
    setDescription('');
    producers.reload();
  }

  async function confirmRevoke() {
    if (!revoking) return;
    if (!(await revoke.run(revoking.producer_id))) return;
    setNotice(`${revoking.name}'s key is revoked.`);
    setRevoking(undefined);
    producers.reload();
  }

  const list = producers.data?.producers;
  return (
    <section className="card" aria-labelledby="producers-h">
      <h2 id="producers-h">Producers</h2>
      {created && (
        <NewProducerKey name={created.name} apiKey={created.key} onDone={() => setCreated(undefined)} />
      )}
      <form onSubmit={submit} aria-label="Register a producer">
        <div className="grid">
          <Field
            label="Producer name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <Field
            label="Description (optional)"
            maxLength={1000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <button type="submit" disabled={register.busy || !name.trim()}>
          Register producer
        </button>
        <ErrorMessage error={register.error} />
      </form>
      {revoking && (
        <Confirm
          question={`Revoke ${revoking.name}'s key (${revoking.key_prefix}…)? Events sent with it are refused from now on; this cannot be undone.`}
          yes={`Yes, revoke ${revoking.name}`}
          danger
          busy={revoke.busy}
          error={revoke.error}
          onYes={() => void confirmRevoke()}
          onCancel={() => setRevoking(undefined)}
        />
      )}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <ErrorMessage error={producers.error} />
      {!list && !producers.error && <Loading what="Loading the producers" />}
      {list && !list.length && <p>No producers yet: register one to send events.</p>}
      {list && list.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Key</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.producer_id}>
                <th scope="row">{p.name}</th>
                <td>{p.description || '—'}</td>
                <td>
                  <code>{p.key_prefix}…</code>
                </td>
                <td>
                  <span className={`badge status-${p.status}`}>{p.status}</span>
                </td>
                <td>{when(p.created_at)}</td>
                <td>
                  {p.status === 'active' && (
                    <button
                      type="button"
                      className="danger"
                      onClick={() => setRevoking(p)}
                      aria-label={`Revoke ${p.name}`}
                    >
                      Revoke
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
