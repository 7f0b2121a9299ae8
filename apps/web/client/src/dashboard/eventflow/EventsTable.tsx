import type { StoredEvent } from '@platform/contracts';
import { Fragment, useState } from 'react';
import { when } from '../../ui/format';
import { prettyJson } from './events';

/** Events, newest first; a row's "Show payload" opens its JSON payload beneath it. */
export function EventsTable({
  events,
  producerName,
}: {
  events: StoredEvent[];
  producerName: (id: string) => string;
}) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((before) => {
      const next = new Set(before);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  if (!events.length) return <p>No events match.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Received</th>
          <th scope="col">Event type</th>
          <th scope="col">Version</th>
          <th scope="col">Producer</th>
          <th scope="col">Payload</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => {
          const shown = open.has(e.event_id);
          return (
            <Fragment key={e.event_id}>
              <tr>
                <td>{when(e.received_at)}</td>
                <td>
                  <code>{e.event_type}</code>
                </td>
                <td>{e.event_version}</td>
                <td>{producerName(e.producer_id)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-expanded={shown}
                    aria-controls={`payload-${e.event_id}`}
                    onClick={() => toggle(e.event_id)}
                  >
                    {shown ? 'Hide payload' : 'Show payload'}
                  </button>
                </td>
              </tr>
              {shown && (
                <tr id={`payload-${e.event_id}`}>
                  <td colSpan={5}>
                    <pre>{prettyJson(e.payload)}</pre>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
