import { randomUUID } from 'node:crypto';
import { TOPICS } from '@platform/contracts';
import { consumerPact, envelope, isoTime, MatchersV3, readdress } from '@platform/pact';
import { startDataPipeline, type DataPipeline } from '../harness';

const { uuid, integer, number } = MatchersV3;
const TENANT = '2a7d4c1e-9b3f-4e6a-8d5c-1f0e9a8b7c62';

/**
 * usage.events from ml-engine's meter as data-pipeline's usage group handles them: each UsageRecorded
 * is added to the tenant's day in `usage_daily` (what GET /api/v1/usage sums), kept apart per service.
 * The message goes through the group's real decoding, validation, handler and PostgreSQL inbox.
 */
describe('data-pipeline ← ml-engine events (message pact)', () => {
  const pact = consumerPact('data-pipeline', 'ml-engine');
  let svc: DataPipeline;
  beforeAll(async () => void (svc = await startDataPipeline({ startBackground: false })));
  afterAll(() => svc?.stop());

  it('adds a UsageRecorded event to the tenant’s day of usage for ml-engine', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a shop asked ml-engine for recommendations')
      .expectsToReceive('a UsageRecorded event', (b) =>
        b
          .withJSONContent(
            envelope({
              eventId: '8e1f2a3b-4c5d-4e6f-9a0b-1c2d3e4f5a63',
              eventType: 'UsageRecorded',
              aggregateId: TENANT,
              aggregateType: 'usage',
              occurredAt: isoTime('2026-01-05T10:00:00.000Z'),
              tenantId: TENANT,
              data: {
                tenant_id: uuid(TENANT),
                // usage_daily keeps the services apart: ml-engine's calls are ml-engine's
                service: 'ml-engine',
                window_start: isoTime('2026-01-05T09:59:00.000Z'),
                api_calls: integer(1),
                recommendations_served: integer(3),
                items_indexed: integer(0),
                latency_ms_sum: number(12.5),
              },
            }),
          )
          .withMetadata({ topic: TOPICS.usageEvents }),
      )
      .executeTest(async (m) => {
        // the pact's tenant is an example: a tenant of this run's own takes its place
        const tenantId = randomUUID();
        const real = readdress(m.contents.content, { tenantId, data: { tenant_id: tenantId } });
        const outcome = await svc.usageConsumer.deliver(String(m.metadata.topic), real);
        expect(outcome).toBe('handled');
        const { rows } = await svc.pool.query<{
          day: string;
          service: string;
          api_calls: string;
          recs: string;
        }>(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day, service, api_calls::text, recommendations_served::text AS recs
             FROM usage_daily WHERE tenant_id = $1`,
          [tenantId],
        );
        expect(rows).toEqual([{ day: '2026-01-05', service: 'ml-engine', api_calls: '1', recs: '3' }]);
      });
  });
});
