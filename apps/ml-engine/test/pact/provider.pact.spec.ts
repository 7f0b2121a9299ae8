import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServiceTokens } from '@platform/auth';
import { serviceTokenFilter, verifyProvider } from '@platform/pact';
import { startMlEngine, type MlEngine } from '../harness';
import { mlEngineStates } from './ml-states';
import { usageMessages } from './usage-messages';

/**
 * ml-engine verified against every pact that names it (contracts/pacts/): web's dashboard calls to
 * /internal/ml/*, replayed on the real app with a real `web` service token, the states made by its own
 * use cases on its own PostgreSQL database and store; and the UsageRecorded its meter publishes for
 * data-pipeline.
 */
describe('pact: ml-engine as a provider', () => {
  let ml: MlEngine;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ml-pact-training-data-'));
  beforeAll(async () => void (ml = await startMlEngine({ env: { TRAINING_DATA_DIR: dataDir } })));
  afterAll(async () => {
    await ml?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('honours every pact of its consumers', async () => {
    const tokens = createServiceTokens(ml.config.SERVICE_TOKEN_SECRET);
    const usage = usageMessages(ml);
    const result = await verifyProvider({
      provider: 'ml-engine',
      baseUrl: ml.url,
      stateHandlers: { ...mlEngineStates(ml, dataDir), ...usage.stateHandlers },
      messageProviders: usage.messageProviders,
      requestFilter: serviceTokenFilter((caller, audience) => tokens.token(caller, audience)),
    });
    expect(result.ok).toBe(true);
  }, 240_000);
});
