import { ErrorEnvelopeSchema } from '@platform/contracts';
import { bearer } from '@platform/devstack/testing';
import { example, fillPath, opName, type Operation } from './openapi-operations';

export interface CallOptions {
  token?: string;
  /** Path parameters by name (the others get well-formed made-up values). */
  ids?: Record<string, string>;
  /** Fields over the body's minimal valid example. */
  body?: object;
}

const jsonOf = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Calls documented operations on the services at `urlOf(service)`, and tallies checks for the summary. */
export function matrixRunner(urlOf: (service: string) => string) {
  const tally = new Map<string, { passed: number; total: number }>();
  const record = (check: string, op: Operation, ok: boolean) => {
    const row = tally.get(`${op.service}\t${check}`) ?? { passed: 0, total: 0 };
    tally.set(`${op.service}\t${check}`, { passed: row.passed + (ok ? 1 : 0), total: row.total + 1 });
  };

  const call = async (op: Operation, opts: CallOptions = {}) => {
    const res = await fetch(`${urlOf(op.service)}${fillPath(op, opts.ids)}`, {
      method: op.method.toUpperCase(),
      headers: { 'content-type': 'application/json', ...(opts.token ? bearer(opts.token) : {}) },
      body: op.body ? JSON.stringify({ ...(example(op.body) as object), ...opts.body }) : undefined,
    });
    const text = await res.text();
    return { status: res.status, text, envelope: ErrorEnvelopeSchema.safeParse(jsonOf(text)).success };
  };

  /** Runs `check` on each operation at once; the ones not answered `expected` in the envelope come back. */
  const matrix = async (
    check: string,
    ops: Operation[],
    expected: number[],
    opts: (op: Operation) => CallOptions,
  ) => {
    const answers = await Promise.all(ops.map(async (op) => ({ op, ...(await call(op, opts(op))) })));
    for (const a of answers) record(check, a.op, expected.includes(a.status) && a.envelope);
    return answers
      .filter((a) => !expected.includes(a.status) || !a.envelope)
      .map((a) => `${a.op.service} ${opName(a.op)} → ${a.status}${a.envelope ? '' : ' (no envelope)'}`);
  };

  /** The summary: per service and check, how many operations passed. */
  const summary = () =>
    `\nservice\tcheck\tpassed\n${[...tally]
      .map(([k, v]) => `${k}\t${v.passed}/${v.total}`)
      .sort()
      .join('\n')}\n`;

  return { call, matrix, record, summary };
}
