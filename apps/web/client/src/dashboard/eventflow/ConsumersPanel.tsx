import type { EventFlowConsumer } from '@platform/contracts';
import { useCallback, useState, type FormEvent } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { when } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useAction, useLoad } from '../../ui/useLoad';
import { Select } from '../ml/Select';
import { eventTypes } from './events';

/** A consumer as GET /api/v1/consumers lists it: with when its cursor last moved. */
type ListedConsumer = EventFlowConsumer & { committed_at?: string | null };

/** Consumers: each one's event types and committed cursor; register one. */
export function ConsumersPanel() {
  const { api } = useSession();
  const consumers = useLoad(
    () => api<{ consumers: ListedConsumer[]; total?: number }>('/api/v1/consumers'),
    [api],
  );
  const [name, setName] = useState('');
  const [types, setTypes] = useState('');
  const [start, setStart] = useState<'latest' | 'earliest'>('latest');
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const register = useAction(
    useCallback(
      (body: { name: string; subscribed_event_types: string[]; start: string }) =>
        api<EventFlowConsumer>('/api/v1/consumers', { method: 'POST', body }),
      [api],
    ),
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(undefined);
    const subscribed = eventTypes(types);
    if (!Array.isArray(subscribed)) return setProblem(subscribed.problem);
    setProblem(undefined);
    const res = await register.run({ name: name.trim(), subscribed_event_types: subscribed, start });
    if (!res) return;
    setNotice(`Consumer ${res.name} is registered (id ${res.consumer_id}).`);
    setName('');
    setTypes('');
    consumers.reload();
  }

  const list = consumers.data?.consumers;
  return (
    <section className="card" aria-labelledby="consumers-h">
      <h2 id="consumers-h">Consumers</h2>
      <form onSubmit={submit} aria-label="Register a consumer">
        <div className="grid">
          <Field
            label="Consumer name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <Field
            label="Subscribed types (comma-separated)"
            required
            value={types}
            onChange={(e) => setTypes(e.target.value)}
          />
          <Select
            label="Begin at"
            value={start}
            onChange={(e) => setStart(e.target.value as 'latest' | 'earliest')}
            options={[
              { value: 'latest', label: 'New events only (latest)' },
              { value: 'earliest', label: 'The first stored event (earliest)' },
            ]}
          />
        </div>
        <button type="submit" disabled={register.busy || !name.trim()}>
          Register consumer
        </button>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <ErrorMessage error={register.error} />
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
      </form>
      <ErrorMessage error={consumers.error} />
      {!list && !consumers.error && <Loading what="Loading the consumers" />}
      {list && !list.length && <p>No consumers yet.</p>}
      {list && list.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Event types</th>
              <th scope="col">Committed cursor</th>
              <th scope="col">Last commit</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.consumer_id}>
                <th scope="row">{c.name}</th>
                <td>{c.subscribed_event_types.join(', ')}</td>
                <td>
                  <code>{c.cursor}</code>
                </td>
                <td>{c.committed_at ? when(c.committed_at) : 'not yet'}</td>
                <td>{when(c.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
