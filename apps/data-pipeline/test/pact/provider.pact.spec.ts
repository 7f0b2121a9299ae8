import { createServiceTokens } from '@platform/auth';
import { serviceTokenFilter, verifyProvider } from '@platform/pact';
import { startDataPipeline, type DataPipeline } from '../harness';
import { dataPipelineMessages } from './data-pipeline-messages';

jest.setTimeout(180_000);

/**
 * data-pipeline verifies every pact that names it, against its real app on its own PostgreSQL, object
 * store and topics: HTTP interactions are replayed on the listening app (with a real service token in
 * place of the pact's example), message interactions are produced by ingestion and the training-data
 * writer (data-pipeline-messages.ts).
 */
describe('pact: data-pipeline honours its consumers', () => {
  let svc: DataPipeline;
  beforeAll(async () => void (svc = await startDataPipeline()));
  afterAll(() => svc?.stop());

  it('verifies every interaction of every pact naming data-pipeline', async () => {
    const tokens = createServiceTokens(svc.config.SERVICE_TOKEN_SECRET);
    const { stateHandlers, messageProviders } = dataPipelineMessages(svc);
    const result = await verifyProvider({
      provider: 'data-pipeline',
      baseUrl: svc.url,
      stateHandlers,
      messageProviders,
      requestFilter: serviceTokenFilter((caller, audience) => tokens.token(caller, audience)),
    });
    expect(result.ok).toBe(true);
    expect(result.interactions.length).toBeGreaterThan(0);
    expect(result.interactions.filter((i) => i.outcome !== 'passed')).toEqual([]);
  });
});
