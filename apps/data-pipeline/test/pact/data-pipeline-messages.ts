import { randomUUID } from 'node:crypto';
import { TOPICS, type Topic } from '@platform/contracts';
import { waitFor } from '@platform/devstack';
import { readTopic } from '@platform/messaging/testing';
import { providerWithMetadata, type MessageProviders, type StateHandlers } from '@platform/pact';
import request from 'supertest';
import { type DataPipeline } from '../harness';

type Event = Record<string, unknown>;

/**
 * data-pipeline's events for the message pacts (ml-engine), each produced by the code that really
 * produces it: ingestion's routes publish InteractionIngested / ItemIngested straight to Kafka before
 * they answer (no outbox: the answer waits for acks=all), so those are read back from their topic;
 * the training-data writer commits TrainingDataUpdated with the manifest in its PostgreSQL outbox,
 * which is read back from the outbox row. Each state uses a shop (tenant) of its own.
 */
export function dataPipelineMessages(svc: DataPipeline): {
  stateHandlers: StateHandlers;
  messageProviders: MessageProviders;
} {
  const produced = new Map<string, Event>();
  const auth = () => svc.serviceAuth('order-service', 'data-pipeline');

  const ingest = async (path: 'interactions' | 'items', tenantId: string, record: object) => {
    const res = await request(svc.url)
      .post(`/internal/data/${path}`)
      .set(auth())
      .send({ tenant_id: tenantId, [path]: [record] });
    if (res.status !== 200 || res.body.accepted !== 1)
      throw new Error(`ingestion refused the record: ${res.status} ${JSON.stringify(res.body)}`);
  };

  /** The one message the route put on `topic` under `key` (ingestion keys by tenant and user or item). */
  const published = async (topic: Topic, key: string): Promise<Event> => {
    const ours = (ms: Awaited<ReturnType<typeof readTopic>>) => ms.filter((m) => m.key === key);
    const messages = await readTopic(svc.broker.topic(topic), (ms) => ours(ms).length > 0);
    const [message, ...more] = ours(messages);
    if (more.length) throw new Error(`${key} was published ${more.length + 1} times on ${topic}`);
    return message.json<Event>();
  };

  const interaction = {
    user_id: 'user-1',
    item_id: 'camping-stove-1',
    interaction_type: 'purchase',
  };

  const stateHandlers: StateHandlers = {
    "a shop's item was ingested": async () => {
      const tenantId = randomUUID();
      const item = {
        item_id: 'camping-stove-1',
        title: 'Camping stove',
        description: 'A light stove for two',
        category: 'outdoor',
        tags: ['camping', 'cooking'],
      };
      await ingest('items', tenantId, item);
      produced.set('ItemIngested', await published(TOPICS.itemsIngested, `${tenantId}:${item.item_id}`));
    },
    "a shop's interaction was ingested": async () => {
      const tenantId = randomUUID();
      await ingest('interactions', tenantId, interaction);
      produced.set('InteractionIngested', await published(TOPICS.interactionsIngested, `${tenantId}:user-1`));
    },
    // the writer (a consumer of interactions.ingested) turns the accepted interaction into Parquet
    "a shop's training data was updated": async () => {
      const tenantId = randomUUID();
      await ingest('interactions', tenantId, interaction);
      const row = async () =>
        (
          await svc.pool.query<{ payload: Event }>(
            `SELECT payload FROM outbox WHERE payload->>'event_type' = 'TrainingDataUpdated'
               AND payload->>'tenant_id' = $1 ORDER BY id LIMIT 1`,
            [tenantId],
          )
        ).rows[0]?.payload;
      await waitFor('the writer to commit TrainingDataUpdated', async () => (await row()) !== undefined, {
        timeoutMs: 30_000,
        intervalMs: 100,
      });
      produced.set('TrainingDataUpdated', (await row())!);
    },
  };

  const message = (type: string, topic: Topic) =>
    providerWithMetadata(
      () => {
        const event = produced.get(type);
        if (!event) throw new Error(`no ${type} was produced: its provider state did not run`);
        return event;
      },
      { topic },
    );

  return {
    stateHandlers,
    messageProviders: {
      'an ItemIngested event': message('ItemIngested', TOPICS.itemsIngested),
      'an InteractionIngested event': message('InteractionIngested', TOPICS.interactionsIngested),
      'a TrainingDataUpdated event': message('TrainingDataUpdated', TOPICS.dataEvents),
    },
  };
}
