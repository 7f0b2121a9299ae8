import { randomBytes } from 'node:crypto';
import { type ServiceName } from '@platform/devstack';
import { type OperationCounts } from './invariant-result';

/** Where the data workload sends and what it sends with (one tenant of the fault suite's stack). */
export type DataTarget = {
  url(name: ServiceName): string;
  prefix: string;
  dataStoreDir: string;
  /** A raw API key of the tenant with the `write` permission (public ingestion). */
  apiKey: string;
  tenantId: string;
  /** The tenant's admin JWT (creates the EventFlow producer, reads the stored events). */
  token: string;
};

export type DataKind = 'interaction' | 'eventflow-event';

/**
 * One operation of the workload. A retry resends the same body; its `marker` finds every copy later,
 * and only the id of the answer that was a 2xx is the accepted one. EventFlow events carry the marker
 * as Idempotency-Key (a resend is the same event); interactions have no such key, so a retry of one
 * that was queued before its request failed is stored again under a new id.
 */
export type DataOperation = {
  kind: DataKind;
  marker: string;
  /** Requests sent for it (1 + retries). */
  attempts: number;
  /** The id of the 2xx answer. */
  acceptedId?: string;
  /** The last status, 0 for a network error or a timeout. */
  status: number;
};

export type DataWorkload = {
  tick(): Promise<void>;
  summary(): OperationCounts;
  /** Everything sent so far (the invariants read it). */
  operations(): DataOperation[];
  /** What the workload's rows carry: user ids start with it, EventFlow events have it as type. */
  run: string;
  eventType: string;
  producerId(): string | undefined;
};

const TYPES = ['view', 'click', 'purchase', 'like', 'dislike', 'add_to_cart', 'remove_from_cart'];
const MAX_RETRIES = 2;
// a request of a stalled service is given up after this and retried (the service may have acted on it)
const REQUEST_TIMEOUT_MS = 10_000;

type Answer = { status: number; body: Record<string, unknown> };

async function post(
  url: string,
  bearer: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // a body that is not JSON (a proxy's page): the status says enough
    }
    return { status: res.status, body: parsed };
  } catch {
    return { status: 0, body: {} };
  }
}

/** A network error, a timeout or a 5xx is retried; anything else is an answer. */
const retriable = (status: number) => status === 0 || status >= 500;

/**
 * Each tick sends one interaction (`POST /api/v1/interactions`, API key) or one EventFlow event
 * (`POST /api/v1/events`, a producer key made on first use), alternately, and records the answer.
 * A network error or a 5xx is sent again at most twice, the same body (and key) after a short pause, as
 * a careful client does (data-pipeline's 503 says "nothing was accepted, try again").
 */
export function dataWorkload(target: DataTarget): DataWorkload {
  const run = `dw${randomBytes(4).toString('hex')}`;
  const eventType = `faults.${run}`;
  const ops: DataOperation[] = [];
  const counts: OperationCounts = {};
  let producer: { id: string; key: string } | undefined;
  let n = 0;

  const count = (kind: DataKind) =>
    (counts[kind] ??= { sent: 0, ok: 0, clientError: 0, serverError: 0, retried: 0 });

  /** The producer of this run, made once by the first event tick (a failure: the next one tries again). */
  let making: Promise<Answer> | undefined;
  const producerKey = (): Promise<Answer> => {
    making ??= post(`${target.url('data-pipeline')}/api/v1/producers`, target.token, {
      name: `fault suite ${run}`,
    }).then((answer) => {
      if (answer.status === 201)
        producer = { id: String(answer.body.producer_id), key: String(answer.body.api_key) };
      else making = undefined;
      return answer;
    });
    return making;
  };

  const send = async (op: DataOperation, i: number): Promise<Answer> => {
    const base = target.url('data-pipeline');
    if (op.kind === 'interaction')
      return post(`${base}/api/v1/interactions`, target.apiKey, {
        user_id: `${run}-u${i % 25}`,
        item_id: `${run}-i${i % 40}`,
        interaction_type: TYPES[i % TYPES.length],
        context: { session_id: op.marker, device_type: 'fault-suite' },
      });
    const made = await producerKey();
    if (!producer) return made;
    // the marker as Idempotency-Key: a resend of an event that reached Kafka after all is stored once
    return post(
      `${base}/api/v1/events`,
      producer.key,
      { event_type: eventType, event_version: 1, payload: { marker: op.marker, n: i } },
      { 'idempotency-key': op.marker },
    );
  };

  return {
    run,
    eventType,
    producerId: () => producer?.id,
    operations: () => ops,
    summary: () => structuredClone(counts),
    async tick() {
      const i = n++;
      const op: DataOperation = {
        kind: i % 2 === 0 ? 'interaction' : 'eventflow-event',
        marker: `${run}-${i}`,
        attempts: 0,
        status: 0,
      };
      ops.push(op);
      const c = count(op.kind);
      c.sent++;
      let answer: Answer;
      for (;;) {
        op.attempts++;
        answer = await send(op, i);
        if (!retriable(answer.status) || op.attempts > MAX_RETRIES) break;
        c.retried++;
        // a short pause so a retry does not land in the same second of an outage
        await new Promise((resolve) => setTimeout(resolve, 250 * op.attempts));
      }
      op.status = answer.status;
      if (answer.status >= 200 && answer.status < 300) {
        c.ok++;
        op.acceptedId = String(answer.body.interaction_id ?? answer.body.event_id);
      } else if (answer.status >= 400 && answer.status < 500) c.clientError++;
      else c.serverError++;
    },
  };
}
