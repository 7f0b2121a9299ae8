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
}

/**
 * The verifier's JSON report (`pactffi_verifier_json`) read per interaction. Its `errors` name the
 * failing interaction by description (with the consumer's name when several pacts are verified).
 */
export function parseVerifierJson(
  provider: string,
  pacts: PactFile[],
  raw: string,
  ok: boolean,
  only?: RegExp,
): VerificationResult {
  let report: VerifierJson = {};
  try {
    report = JSON.parse(raw) as VerifierJson;
  } catch {
    // no report (the verifier could not run): a failed run fails every interaction
    report = { result: ok, errors: [] };
  }
  const errors = report.errors ?? [];
  const interactions = pacts.flatMap((pact) =>
    pact.interactions
      .filter((i) => !only || only.test(i.description))
      .map((i) => {
        const error = errors.find((e) => (e.interaction ?? '').includes(i.description));
        return {
          consumer: pact.consumer.name,
          description: i.description,
          outcome: (error || (!ok && errors.length === 0) ? 'failed' : 'passed') as Outcome,
          ...(error ? { mismatch: JSON.stringify(error.mismatch).slice(0, 500) } : {}),
        };
      }),
  );
  return { provider, verified_at: new Date().toISOString(), ok, interactions };
}
