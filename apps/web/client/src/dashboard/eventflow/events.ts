/** The event browser's filters as typed: datetimes from `<input type="datetime-local">` (local time). */
export interface EventFilters {
  eventType: string;
  producerId: string;
  from: string;
  to: string;
}

export const NO_FILTERS: EventFilters = { eventType: '', producerId: '', from: '', to: '' };

/** How often the live browser asks for the newest events. */
export const LIVE_POLL_MS = 3000;
/** Events per page. */
export const PAGE_SIZE = 50;

const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

/** A `datetime-local` value (local wall time) as an ISO instant; undefined when empty or invalid. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The query of GET /api/v1/events for the filters, or a sentence saying what to fix. */
export function eventQuery(
  f: EventFilters,
  cursor?: string,
): { query: Record<string, string | number | undefined> } | { problem: string } {
  const type = f.eventType.trim();
  if (type && !EVENT_TYPE.test(type))
    return { problem: 'An event type starts with a letter, then letters, digits, _ . or - (at most 128).' };
  const from = localToIso(f.from);
  const to = localToIso(f.to);
  if (f.from && !from) return { problem: 'The "from" time is not a valid date and time.' };
  if (f.to && !to) return { problem: 'The "to" time is not a valid date and time.' };
  if (from && to && to <= from) return { problem: 'The "to" time must be after the "from" time.' };
  return {
    query: {
      event_type: type || undefined,
      producer_id: f.producerId || undefined,
      from,
      to,
      limit: PAGE_SIZE,
      cursor,
    },
  };
}

/** A payload for a person: indented JSON. */
export const prettyJson = (value: unknown) => JSON.stringify(value, null, 2);

/** "orders, order.created ,," → ["orders", "order.created"], or a sentence naming the bad one. */
export function eventTypes(text: string): string[] | { problem: string } {
  const types = [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  if (!types.length) return { problem: 'Name at least one event type.' };
  if (types.length > 100) return { problem: 'At most 100 event types.' };
  const bad = types.find((t) => !EVENT_TYPE.test(t));
  if (bad) return { problem: `"${bad}" is not an event type (a letter, then letters, digits, _ . or -).` };
  return types;
}
