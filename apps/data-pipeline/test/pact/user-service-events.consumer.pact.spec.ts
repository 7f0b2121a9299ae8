import { userServiceClient } from '@platform/clients';
import { TOPICS } from '@platform/contracts';
import { consumerPact, envelope, isoTime, MatchersV3 } from '@platform/pact';
import { createLogger, createMetrics } from '@platform/service-kit';
import { usageEventsConsumer } from '../../src/usage/usage-events.consumer';
import { UsageRepository } from '../../src/usage/usage.repository';
import { startDataPipeline, type DataPipeline } from '../harness';

const { uuid, like } = MatchersV3;
// ids and times are any value of their shape; the examples are fixed so the pact file stays stable
const TENANT = '5f0c2f3e-6d1b-4c61-9a51-3f1e0d7a2b10';
const KEY = '0b7e5a2c-2f4d-4b8e-8c6a-9d1f3e5a7c21';
const ADMIN = 'c3a1e6f2-8b4d-4f0a-9e2c-7d5b1a3f6e40';
const at = () => isoTime('2026-01-05T10:00:00.000Z');

/** The envelope with only the data data-pipeline reads and validates. */
const event = (eventType: string, aggregateType: string, id: string, data: Record<string, unknown>) =>
  envelope({
    eventId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    eventType,
    aggregateId: id,
    aggregateType,
    occurredAt: at(),
    tenantId: TENANT,
    data,
  });

describe('data-pipeline ← user-service events (message pact)', () => {
  const pact = consumerPact('data-pipeline', 'user-service');
  let svc: DataPipeline;

  // a short verdict TTL: the revocation mark of the example key (same id every run) is gone by the next run
  beforeAll(async () => {
    svc = await startDataPipeline({ startBackground: false, env: { API_KEY_CACHE_MS: '5000' } });
  });
  afterAll(() => svc?.stop());

  it('drops the cached verdict of a key on ApiKeyRevoked, so the key is checked again at once', async () => {
    let checks = 0;
    const verify = svc.keyCache.wrap(async () => {
      checks += 1;
      return { kind: 'api_key' as const, keyId: KEY, tenantId: TENANT, permissions: ['read'] };
    });
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('an ApiKeyRevoked event', (b) =>
        b
          .withJSONContent(
            event('ApiKeyRevoked', 'api_key', KEY, {
              key_id: uuid(KEY),
              tenant_id: uuid(TENANT),
              key_prefix: like('sk_a1b2c3'),
              revoked_at: at(),
            }),
          )
          .withMetadata({ topic: TOPICS.userEvents }),
      )
      .executeTest(async (m) => {
        await verify('sk_pact-example-key');
        await verify('sk_pact-example-key');
        expect(checks).toBe(1); // the second call was answered from the cache

        const outcome = await svc.revocations.deliver(
          m.metadata.topic as string,
          JSON.stringify(m.contents.content),
        );
        expect(outcome).toBe('handled');
        await verify('sk_pact-example-key');
        expect(checks).toBe(2); // the revoked key's verdict is asked for again, not reused
      });
  });

  it('keeps the plan of a new shop on TenantCreated (the quota reads it)', async () => {
    const metrics = createMetrics('dp-pact', { defaults: false });
    const logger = createLogger('data-pipeline', 'silent');
    const userService = userServiceClient('data-pipeline', svc.config, svc.breakers);
    const repo = new UsageRepository(svc.pool);
    // the usage group's consumer as usage.component.ts builds it, on this instance's stores
    const consumer = usageEventsConsumer({ ...svc, userService, logger, metrics }, repo);
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('a TenantCreated event', (b) =>
        b
          .withJSONContent(
            event('TenantCreated', 'tenant', TENANT, {
              tenant_id: uuid(TENANT),
              name: like('Pixel Games'),
              plan: like('starter'),
              created_by: uuid(ADMIN),
            }),
          )
          .withMetadata({ topic: TOPICS.userEvents }),
      )
      .executeTest(async (m) => {
        const content = JSON.stringify(m.contents.content);
        expect(await consumer.deliver(m.metadata.topic as string, content)).toBe('handled');
        expect(await repo.planOf(TENANT)).toBe('starter');
        // a redelivery is recognised by the inbox and changes nothing
        expect(await consumer.deliver(m.metadata.topic as string, content)).toBe('duplicate');
      });
  });
});
