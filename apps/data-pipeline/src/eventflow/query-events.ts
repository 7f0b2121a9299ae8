import { type z } from 'zod';
import { type EventQuerySchema } from '@platform/contracts';
import { DataErrors } from '../errors';
import { decodeQueryCursor, encodeQueryCursor } from './event-cursors';
import { type EventFlowDeps } from './eventflow-deps';

type EventQuery = z.infer<typeof EventQuerySchema>;

/**
 * A page of the tenant's stored events, newest first (received_at, then position), with `next` for the
 * page after it. `total` counts the matches up to a cap (EVENT_QUERY_TOTAL_CAP): exact below it, and
 * `total_capped` says when there are at least that many.
 */
export async function queryEvents(tenantId: string, q: EventQuery, deps: EventFlowDeps) {
  const after = q.cursor === undefined ? undefined : decodeQueryCursor(q.cursor);
  if (q.cursor !== undefined && !after) throw DataErrors.invalidCursor('Not a cursor of this query');
  const filter = { tenantId, eventType: q.event_type, producerId: q.producer_id, from: q.from, to: q.to };
  // one row more than asked tells whether a next page exists without another query
  const { events: rows, ...count } = await deps.events.page(filter, q.limit + 1, after);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => r.event),
    total: count.total,
    total_capped: count.capped,
    ...(rows.length > q.limit && last
      ? { next: encodeQueryCursor({ receivedMicros: last.receivedMicros, seq: last.seq }) }
      : {}),
  };
}
