import './env';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Verifier, type MessageProviders } from '@pact-foundation/pact';
import type { StateHandlers } from '@pact-foundation/pact/src/dsl/verifier/proxy/types';
import type { RequestHandler } from 'express';
import { PACT_DIR, RESULTS_DIR, pactFilesFor, readPactFiles } from './paths';
import { type VerificationResult, failureText, parseVerifierJson } from './result';

export interface VerifyProviderOptions {
  provider: string;
  /** The provider's real app, listening (HTTP interactions). */
  baseUrl?: string;
  /** Named provider states → code that makes them true on the real stores. */
  stateHandlers?: StateHandlers;
  /** Message description → the event, produced by the code path that really produces it. */
  messageProviders?: MessageProviders;
  /** Puts real credentials on each replayed request (the pact holds only their shape). */
  requestFilter?: RequestHandler;
}

/**
 * Replays every pact in `contracts/pacts/` that names `provider` against the real provider (no
 * broker), records the outcome of each interaction in `dist/pact-results/<provider>.json` for the
 * matrix, and rejects with the verifier's report when any interaction fails.
 */
export async function verifyProvider(options: VerifyProviderOptions): Promise<VerificationResult> {
  const files = pactFilesFor(options.provider);
  if (files.length === 0) throw new Error(`no pact in ${PACT_DIR} names ${options.provider}`);
  // one pact (consumer) at a time: the verifier's report names a failure by description only, and two
  // consumers may well expect the same description ("an ItemCreated event")
  const runs: { file: string; raw: string; failure?: unknown }[] = [];
  for (const file of files) runs.push({ file, ...(await verifyOne(options, file)) });
  const result = record(options.provider, runs);
  const failed = runs.filter((r) => r.failure !== undefined);
  if (failed.length > 0)
    throw new Error(failed.map((r) => `${path.basename(r.file)}:\n${failureText(r.raw)}`).join('\n\n'));
  return result;
}

async function verifyOne(
  options: VerifyProviderOptions,
  file: string,
): Promise<{ raw: string; failure?: unknown }> {
  const verifier = new Verifier({
    provider: options.provider,
    providerBaseUrl: options.baseUrl,
    pactUrls: [file],
    stateHandlers: options.stateHandlers,
    messageProviders: options.messageProviders,
    requestFilter: options.requestFilter,
    publishVerificationResult: false,
    providerVersion: process.env['GIT_COMMIT'] ?? 'local',
    logLevel: 'warn',
  });
  try {
    return { raw: await verifier.verifyProvider() };
  } catch (failure) {
    return { raw: describe(failure), failure };
  }
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

function record(
  provider: string,
  runs: { file: string; raw: string; failure?: unknown }[],
): VerificationResult {
  const pacts = readPactFiles();
  const results = runs.map((run) => {
    const pact = pacts.find(({ file }) => file === run.file)?.pact;
    return parseVerifierJson(
      provider,
      pact ? [pact] : [],
      run.raw,
      run.failure === undefined,
      descriptionFilter(),
    );
  });
  const result: VerificationResult = {
    provider,
    verified_at: new Date().toISOString(),
    ok: results.every((r) => r.ok),
    interactions: results.flatMap((r) => r.interactions),
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, `${provider}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/** `PACT_DESCRIPTION` (pact-core's filter while developing): interactions it skipped were not verified. */
function descriptionFilter(): RegExp | undefined {
  const filter = process.env['PACT_DESCRIPTION'];
  return filter ? new RegExp(filter) : undefined;
}
