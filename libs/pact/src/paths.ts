import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

/** Where consumer tests write pact files and provider verifications read them (committed). */
export const PACT_DIR = process.env['PACT_DIR'] ?? path.join(repoRoot, 'contracts/pacts');
/** The last verification of each provider on this machine (not committed): what the matrix prints. */
export const RESULTS_DIR = process.env['PACT_RESULTS_DIR'] ?? path.join(repoRoot, 'dist/pact-results');

/** The parts of a V4 pact file the tools here read. */
export interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  interactions: { description: string; type: string; providerStates?: { name: string }[] }[];
}

export function readPactFiles(dir = PACT_DIR): { file: string; pact: PactFile }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f))
    .map((file) => ({ file, pact: JSON.parse(readFileSync(file, 'utf8')) as PactFile }));
}

/** Every pact file whose provider is `provider`: what its verification covers. */
export function pactFilesFor(provider: string, dir = PACT_DIR): string[] {
  return readPactFiles(dir)
    .filter(({ pact }) => pact.provider.name === provider)
    .map(({ file }) => file);
}
