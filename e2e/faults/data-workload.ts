import { randomBytes } from 'node:crypto';
import { type ServiceName } from '@platform/devstack';
import { Counter, send, type Answer as SentAnswer } from './http';
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
type Answer = SentAnswer<Record<string, unknown>>;

/** A POST as `bearer` (a stalled service's request is given up after 10 s, and retried). */
const post = (url: string, bearer: string, body: unknown, headers: Record<string, string> = {}) =>
  send<Record<string, unknown>>(url, { token: bearer, body, headers });

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
  const counter = new Counter();
  let producer: { id: string; key: string } | undefined;
  let n = 0;

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
    summary: (): OperationCounts => structuredClone(counter.counts),
    async tick() {
      const i = n++;
      const op: DataOperation = {
        kind: i % 2 === 0 ? 'interaction' : 'eventflow-event',
        marker: `${run}-${i}`,
        attempts: 0,
        status: 0,
      };
      ops.push(op);
      let answer: Answer;
      for (;;) {
        op.attempts++;
        answer = await send(op, i);
        if (!retriable(answer.status) || op.attempts > MAX_RETRIES) break;
        // a short pause so a retry does not land in the same second of an outage
        await new Promise((resolve) => setTimeout(resolve, 250 * op.attempts));
      }
      op.status = answer.status;
      counter.record(op.kind, answer.status, op.attempts - 1);
      if (answer.status >= 200 && answer.status < 300)
        op.acceptedId = String(answer.body.interaction_id ?? answer.body.event_id);
    },
  };
}
