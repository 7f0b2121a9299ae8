import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR, readPactFiles } from './paths';
import type { VerificationResult } from './result';

export interface MatrixRow {
  consumer: string;
  provider: string;
  interaction: string;
  result: 'passed' | 'failed' | 'not verified';
  verified_at?: string;
}

/**
 * Consumer × provider × interaction with the provider's last verification here: what `can-i-deploy`
 * would answer without a broker. An interaction added after the last verification is "not verified".
 */
export function pactMatrix(pactDir?: string, resultsDir = RESULTS_DIR): MatrixRow[] {
  return readPactFiles(pactDir).flatMap(({ pact }) => {
    const file = path.join(resultsDir, `${pact.provider.name}.json`);
    const last = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as VerificationResult)
      : undefined;
    return pact.interactions.map((i): MatrixRow => {
      const seen = last?.interactions.find(
        (r) => r.consumer === pact.consumer.name && r.description === i.description,
      );
      return {
        consumer: pact.consumer.name,
        provider: pact.provider.name,
        interaction: i.description,
        result: seen?.outcome ?? 'not verified',
        ...(seen && last ? { verified_at: last.verified_at } : {}),
      };
    });
  });
}

/** Can every consumer deploy? Only when every interaction's last verification passed. */
export const canIDeploy = (rows: MatrixRow[]) => rows.length > 0 && rows.every((r) => r.result === 'passed');
