import { parquetInteractions, storedEvents, type StoredCopy } from './data-stores';
import { type DataKind, type DataOperation, type DataTarget, type DataWorkload } from './data-workload';
import { type InvariantResult } from './invariant-result';

/** How long the stores may take to hold every accepted record (a Kafka restart costs a session timeout). */
const SETTLE_TIMEOUT_MS = 120_000;
const PROBE_INTERVAL_MS = 500;

/**
 * Every accepted operation of `kind` is stored exactly once: its answered id once (not lost, not
 * doubled); no id stored twice; no operation with more copies than requests it sent (a retry of an
 * unanswered request may be stored under an id the client never saw: at least once, not doubled); no
 * copy the workload never sent. The copies of unanswered requests are counted in the name: without an
 * idempotency key (interactions have none), a retry of a request that was queued before it failed is
 * stored again under a new id (at least once).
 */
export function exactlyOnce(
  name: string,
  kind: DataKind,
  ops: DataOperation[],
  copies: StoredCopy[],
): InvariantResult {
  const mine = ops.filter((o) => o.kind === kind);
  const timesById = new Map<string, number>();
  const idsByMarker = new Map<string, Set<string>>();
  for (const c of copies) {
    timesById.set(c.id, (timesById.get(c.id) ?? 0) + 1);
    idsByMarker.set(c.marker, (idsByMarker.get(c.marker) ?? new Set()).add(c.id));
  }
  const violations: string[] = [];
  const accepted = mine.filter((o) => o.acceptedId);
  for (const o of accepted)
    if (!timesById.has(o.acceptedId!)) violations.push(`lost: ${kind} ${o.acceptedId} (${o.marker})`);
  for (const [id, times] of timesById)
    if (times > 1) violations.push(`doubled: ${kind} ${id} stored ${times} times`);
  const sent = new Map(mine.map((o) => [o.marker, o]));
  for (const [marker, ids] of idsByMarker) {
    const op = sent.get(marker);
    if (!op) violations.push(`unknown: ${kind} ${[...ids].join(', ')} (${marker}) was never sent`);
    else if (ids.size > op.attempts)
      violations.push(`doubled: ${kind} ${marker} stored ${ids.size} times from ${op.attempts} requests`);
  }
  // copies under ids no answer gave: a request that failed after its record was queued, retried
  const answered = new Set(accepted.map((o) => o.acceptedId));
  const unanswered = copies.filter((c) => !answered.has(c.id)).length;
  const note = unanswered ? ` (+${unanswered} copies of unanswered requests)` : '';
  return { name: `${name}${note}`, checked: accepted.length, violations };
}

/** A valid request is answered 2xx, or 5xx in an outage; a 4xx blames the client for the server's state. */
function never4xx(ops: DataOperation[]): InvariantResult {
  const refused = ops.filter((o) => o.status >= 400 && o.status < 500);
  return {
    name: 'valid interactions and EventFlow events never answered 4xx',
    checked: ops.length,
    violations: refused.map((o) => `${o.kind} ${o.marker} answered ${o.status}`),
  };
}

type Snapshot = { interactions: StoredCopy[]; events: StoredCopy[] };

async function snapshot(target: DataTarget, work: DataWorkload): Promise<Snapshot> {
  const producerId = work.producerId();
  return {
    interactions: await parquetInteractions(target.dataStoreDir, target.tenantId, `${work.run}-`),
    events: producerId ? await storedEvents(target, work.eventType, producerId) : [],
  };
}

const key = (s: Snapshot) =>
  JSON.stringify([s.interactions.map((c) => c.id).sort(), s.events.map((c) => c.id).sort()]);

/**
 * After the stream: waits until data-pipeline holds every accepted record (its writer flushed them to
 * Parquet, its EventFlow store consumer wrote them to PostgreSQL) and two reads in a row agree (nothing
 * more is arriving), then checks both stores. Past the timeout it checks what is there: the missing
 * records are reported as lost, not thrown.
 */
export async function checkDataInvariants(
  target: DataTarget,
  work: DataWorkload,
  { settleTimeoutMs = SETTLE_TIMEOUT_MS } = {},
): Promise<InvariantResult[]> {
  const ops = work.operations();
  const accepted = (kind: DataKind) =>
    ops.filter((o) => o.kind === kind && o.acceptedId).map((o) => o.acceptedId!);
  const deadline = Date.now() + settleTimeoutMs;
  let last: Snapshot = { interactions: [], events: [] };
  let previous = '';
  let unreadable: string | undefined;
  for (;;) {
    // a Parquet file replaced by compaction between the catalog read and the file read: read again
    const current = await snapshot(target, work).catch((err: unknown) => {
      unreadable = err instanceof Error ? err.message : String(err);
      return undefined;
    });
    if (current) {
      unreadable = undefined;
      const ids = new Set([...current.interactions, ...current.events].map((c) => c.id));
      const complete = [...accepted('interaction'), ...accepted('eventflow-event')].every((id) =>
        ids.has(id),
      );
      const settled = complete && key(current) === previous;
      last = current;
      previous = key(current);
      if (settled) break;
    }
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }
  const results = [
    exactlyOnce('accepted interactions in Parquet exactly once', 'interaction', ops, last.interactions),
    exactlyOnce('accepted EventFlow events in PostgreSQL exactly once', 'eventflow-event', ops, last.events),
  ];
  // the stores could not be read at the end: say why rather than only calling everything lost
  if (unreadable) for (const r of results) r.violations.unshift(`stores unreadable: ${unreadable}`);
  return [...results, never4xx(ops)];
}
