import { createServiceTokens, DEV_SERVICE_TOKEN_SECRET } from '@platform/auth';
import {
  IngestResponseSchema,
  PublicRecommendationResponseSchema,
  TrainingJobSchema,
  TrainingTriggerResponseSchema,
  type TrainingJob,
} from '@platform/contracts';
import { bearer, eventually, shopAccounts } from '@platform/devstack/testing';
import request from 'supertest';
import { startSagaStack, type SagaStack } from '../saga/stack';
import { trainingDataOf } from '../saga/training-data';
import { plantedTastes } from './planted-tastes';

/**
 * The path a shop's recommendations take: items and interactions posted to data-pipeline, its Parquet and
 * catalog.json, a training job of ml-engine on that folder, then the public recommendations of a user,
 * which must follow the taste planted in the data. All three services run as their built processes.
 */
describe('recommendations through the real path: data-pipeline → Parquet → training → recommendations', () => {
  let stack: SagaStack;
  beforeAll(async () => {
    stack = await startSagaStack({ services: ['user-service', 'data-pipeline', 'ml-engine'] });
  }, 180_000);
  afterAll(() => stack?.stop());

  const tokens = createServiceTokens(DEV_SERVICE_TOKEN_SECRET);
  const asService = (audience: string) => bearer(tokens.token('order-service', audience));
  const pipeline = () => request(stack.url('data-pipeline'));
  const ml = () => request(stack.url('ml-engine'));

  it.each(['matrix_factorization', 'two_tower', 'gnn'] as const)(
    '%s: trains on the planted tastes and recommends each user unseen items of their own taste',
    async (modelType) => {
      const shop = await shopAccounts(stack.url('user-service')).newShop();
      const tenantId = shop.tenantId;
      const data = plantedTastes(7);

      // ml-engine's consumers start at the end of the items topic once they have joined: until one probe
      // item is seen, post it again
      const knows = async (itemId: string) =>
        (await ml().get(`/api/v1/items/${itemId}/embedding`).set(bearer(shop.token))).status === 200;
      const postItems = async (items: object[]) => {
        const res = await pipeline()
          .post('/internal/data/items')
          .set(asService('data-pipeline'))
          .send({ tenant_id: tenantId, items });
        expect([res.status, IngestResponseSchema.parse(res.body).accepted]).toEqual([200, items.length]);
      };
      await eventually(async () => (await postItems(data.items.slice(0, 1)), knows(data.items[0].item_id)), {
        what: 'ml-engine to see an item posted to data-pipeline',
        timeoutMs: 60_000,
        intervalMs: 1000,
      });
      await postItems(data.items);
      const unseen = new Set(data.items.map((i) => i.item_id));
      await eventually(
        async () => {
          for (const id of [...unseen]) if (await knows(id)) unseen.delete(id);
          return unseen.size === 0;
        },
        { what: 'ml-engine to know every item', timeoutMs: 30_000, intervalMs: 1000 },
      );

      const posted = await pipeline()
        .post('/internal/data/interactions')
        .set(asService('data-pipeline'))
        .send({ tenant_id: tenantId, interactions: data.interactions });
      expect(posted.status).toBe(200);
      expect(IngestResponseSchema.parse(posted.body).accepted).toBe(data.interactions.length);
      await eventually(
        async () =>
          (await trainingDataOf(stack.dataStoreDir, tenantId)).interactions.length ===
          data.interactions.length,
        {
          what: "every interaction in data-pipeline's Parquet, listed by catalog.json",
          timeoutMs: 30_000,
          intervalMs: 500,
        },
      );

      const trigger = await ml()
        .post('/internal/ml/training/trigger')
        .set(asService('ml-engine'))
        .send({
          tenant_id: tenantId,
          training_config: { model_type: modelType, data_range: data.range },
        });
      expect(trigger.status).toBe(202);
      const { job_id } = TrainingTriggerResponseSchema.parse(trigger.body);
      let job: TrainingJob | undefined;
      await eventually(
        async () => {
          const res = await ml()
            .get(`/internal/ml/training/jobs/${job_id}`)
            .set({ ...asService('ml-engine'), 'x-tenant-id': tenantId })
            .expect(200);
          job = TrainingJobSchema.parse(res.body);
          if (job.status === 'failed') throw new Error(`training failed: ${job.error}`);
          return job.status === 'completed';
        },
        { what: 'the training job to complete', timeoutMs: 120_000, intervalMs: 250 },
      );
      const metrics = job!.validation_metrics!;
      expect(metrics.users_evaluated).toBeGreaterThan(0);
      expect(metrics.ndcg_at_10).toBeGreaterThan(metrics.baseline.ndcg_at_10);

      for (const user of data.probes) {
        const res = await ml()
          .post('/api/v1/recommendations')
          .set(bearer(shop.token))
          .send({ user_id: user.user_id, count: 5 });
        expect(res.status).toBe(200);
        const body = PublicRecommendationResponseSchema.parse(res.body);
        expect(body.metadata.model_version).toBe(job!.model_version);
        const ids = body.recommendations.map((r) => r.item_id);
        expect(ids).toHaveLength(5);
        expect(ids.filter((id) => user.seen.has(id))).toEqual([]);
        expect(ids.map((id) => data.categoryOf.get(id))).toEqual(Array(5).fill(user.taste));
      }

      // a user the data never saw still gets items (the tenant's popular ones)
      const cold = await ml()
        .post('/api/v1/recommendations')
        .set(bearer(shop.token))
        .send({ user_id: 'never-seen-user', count: 5 });
      expect(cold.status).toBe(200);
      expect(PublicRecommendationResponseSchema.parse(cold.body).recommendations).toHaveLength(5);
    },
    300_000,
  );
});
