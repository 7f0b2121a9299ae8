import type { EventFlowProducer, StoredEvent } from '@platform/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { useAction } from '../../ui/useLoad';
import { usePoll } from '../ml/polling';
import { Checkbox, Select } from '../ml/Select';
import { eventQuery, LIVE_POLL_MS, NO_FILTERS, type EventFilters } from './events';
import { EventsTable } from './EventsTable';

interface Page {
  items: StoredEvent[];
  total: number;
  total_capped: boolean;
  next?: string;
}

/** The tenant's events, newest first, filtered; while "Live" is on the newest page is asked for every 3 s. */
export function EventBrowser({ producers }: { producers: EventFlowProducer[] }) {
  const { api } = useSession();
  const [filters, setFilters] = useState<EventFilters>(NO_FILTERS);
  const [live, setLive] = useState(true);
  const [round, setRound] = useState(0);
  const [page, setPage] = useState<Page>();
  const [error, setError] = useState<unknown>();
  const built = eventQuery(filters);
  const problem = 'problem' in built ? built.problem : undefined;
  const key = JSON.stringify(filters) + round;
  // older pages, fetched on demand with the `next` cursor while Live is off
  const [older, setOlder] = useState<{ items: StoredEvent[]; next?: string }>({ items: [] });
  useEffect(() => setOlder({ items: [] }), [key, live]);
  const more = useAction(
    useCallback(
      (query: Record<string, string | number | undefined>) => api<Page>('/api/v1/events', { query }),
      [api],
    ),
  );
  const nextCursor = older.items.length ? older.next : page?.next;
  async function showOlder() {
    const q = eventQuery(filters, nextCursor);
    if (!('query' in q)) return;
    const res = await more.run(q.query);
    if (res) setOlder({ items: [...older.items, ...res.items], next: res.next });
  }

  // live: a load now and every 3 s; not live: one load per change of filters (or "Refresh")
  usePoll<Page>(!problem, key, LIVE_POLL_MS, {
    load: () => api<Page>('/api/v1/events', { query: 'query' in built ? built.query : {} }),
    onData: (p) => {
      setError(undefined);
      setPage(p);
    },
    onError: setError,
    done: () => !live,
  });

  const set = (k: keyof EventFilters) => (e: { target: { value: string } }) =>
    setFilters({ ...filters, [k]: e.target.value });
  const names = new Map(producers.map((p) => [p.producer_id, p.name]));
  return (
    <section className="card" aria-labelledby="events-h">
      <h2 id="events-h">Events</h2>
      <form onSubmit={(e) => e.preventDefault()} aria-label="Filter events">
        <div className="grid">
          <Field
            label="Event type"
            placeholder="e.g. order.created"
            value={filters.eventType}
            onChange={set('eventType')}
          />
          <Select
            label="Sent by"
            value={filters.producerId}
            onChange={set('producerId')}
            options={[
              { value: '', label: 'Any producer' },
              ...producers.map((p) => ({ value: p.producer_id, label: p.name })),
            ]}
          />
          <Field label="Received from" type="datetime-local" value={filters.from} onChange={set('from')} />
          <Field label="Received until" type="datetime-local" value={filters.to} onChange={set('to')} />
        </div>
        <Checkbox
          label="Live (refresh every 3 seconds)"
          checked={live}
          onChange={(on) => {
            setLive(on);
            if (on) setRound((r) => r + 1);
          }}
        />
        {!live && (
          <button type="button" className="secondary" onClick={() => setRound((r) => r + 1)}>
            Refresh
          </button>
        )}{' '}
        <button type="button" className="secondary" onClick={() => setFilters(NO_FILTERS)}>
          Clear filters
        </button>
      </form>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <ErrorMessage error={error} />
      {!page && !error && !problem && <Loading what="Loading the events" />}
      {page && (
        <>
          <p role="status">
            {page.total_capped ? `More than ${page.total}` : page.total} matching event
            {page.total === 1 ? '' : 's'}
            {page.items.length + older.items.length < page.total
              ? `, the newest ${page.items.length + older.items.length} shown`
              : ''}
            {live ? ' · live' : ''}.
          </p>
          <EventsTable events={[...page.items, ...older.items]} producerName={(id) => names.get(id) ?? id} />
          {!live && nextCursor && (
            <button type="button" className="secondary" disabled={more.busy} onClick={() => void showOlder()}>
              Show older events
            </button>
          )}
          <ErrorMessage error={more.error} />
        </>
      )}
    </section>
  );
}
