import './env';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Verifier, type MessageProviders } from '@pact-foundation/pact';
import type { StateHandlers } from '@pact-foundation/pact/src/dsl/verifier/proxy/types';
import type { RequestHandler } from 'express';
import { PACT_DIR, RESULTS_DIR, pactFilesFor, readPactFiles } from './paths';
import { type VerificationResult, parseVerifierJson } from './result';

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
  const pactUrls = pactFilesFor(options.provider);
  if (pactUrls.length === 0) throw new Error(`no pact in ${PACT_DIR} names ${options.provider}`);
  const verifier = new Verifier({
    provider: options.provider,
    providerBaseUrl: options.baseUrl,
    pactUrls,
    stateHandlers: options.stateHandlers,
    messageProviders: options.messageProviders,
    requestFilter: options.requestFilter,
    publishVerificationResult: false,
    providerVersion: process.env['GIT_COMMIT'] ?? 'local',
    logLevel: 'warn',
  });
  let raw: string;
  let failure: unknown;
  try {
    raw = await verifier.verifyProvider();
  } catch (err) {
    failure = err;
    raw = err instanceof Error ? err.message : String(err);
  }
  const result = record(options.provider, pactUrls, raw, failure === undefined);
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(raw);
  return result;
}

function record(provider: string, files: string[], raw: string, ok: boolean): VerificationResult {
  const pacts = readPactFiles().filter(({ file }) => files.includes(file));
  const result = parseVerifierJson(
    provider,
    pacts.map(({ pact }) => pact),
    raw,
    ok,
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, `${provider}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
