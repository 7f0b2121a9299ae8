import { stripVTControlCharacters } from 'node:util';
import type { PactFile } from './paths';

export type Outcome = 'passed' | 'failed';

/** One provider's last verification: each interaction of each consumer, passed or failed. */
export interface VerificationResult {
  provider: string;
  verified_at: string;
  ok: boolean;
  interactions: { consumer: string; description: string; outcome: Outcome; mismatch?: string }[];
}

interface VerifierJson {
  result?: boolean;
  errors?: { interaction?: string; mismatch?: unknown }[];
  /** Per interaction replayed, with its consumer (pact-core 20): the exact record when present. */
  interactionResults?: { consumer?: string; description: string; result: string; mismatch?: unknown }[];
  output?: string[];
}

type Row = VerificationResult['interactions'][number];

const parse = (raw: string): VerifierJson | undefined => {
  try {
    return JSON.parse(raw) as VerifierJson;
  } catch {
    return undefined;
  }
};

/**
 * The verifier's JSON report (`pactffi_verifier_json`) read per interaction: its `interactionResults`
 * (consumer, description, OK or Error), or, from an older core, its `errors` by description. An
 * interaction the report does not name was not replayed (a PACT_DESCRIPTION filter): not verified.
 */
export function parseVerifierJson(
  provider: string,
  pacts: PactFile[],
  raw: string,
  ok: boolean,
  only?: RegExp,
): VerificationResult {
  // no report (the verifier could not run): a failed run fails every interaction
  const report = parse(raw) ?? { result: ok, errors: [] };
  const errors = report.errors ?? [];
  const rowOf = (consumer: string, description: string): Row | undefined => {
    if (report.interactionResults) {
      const r = report.interactionResults.find(
        (x) => x.description === description && (!x.consumer || x.consumer === consumer),
      );
      if (!r) return undefined;
      const failed = r.result !== 'OK';
      return {
        consumer,
        description,
        outcome: failed ? 'failed' : 'passed',
        ...mismatchOf(failed && r.mismatch),
      };
    }
    const error = errors.find((e) => (e.interaction ?? '').endsWith(description));
    const failed = !!error || (!ok && errors.length === 0);
    return { consumer, description, outcome: failed ? 'failed' : 'passed', ...mismatchOf(error?.mismatch) };
  };
  const interactions = pacts.flatMap((pact) =>
    pact.interactions
      .filter((i) => !only || only.test(i.description))
      .map((i) => rowOf(pact.consumer.name, i.description))
      .filter((row): row is Row => row !== undefined),
  );
  return { provider, verified_at: new Date().toISOString(), ok, interactions };
}

const mismatchOf = (mismatch: unknown) =>
  mismatch ? { mismatch: JSON.stringify(mismatch).slice(0, 500) } : {};

/** The report's own words for what failed (its "Failures:" section, without colours), else the raw text. */
export function failureText(raw: string): string {
  const output = parse(raw)?.output;
  if (!output) return raw;
  const text = stripVTControlCharacters(output.join('\n'));
  const at = text.indexOf('Failures:');
  return (at >= 0 ? text.slice(at) : text).trim();
}
