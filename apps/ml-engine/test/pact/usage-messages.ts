import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { readTopic } from '@platform/messaging/testing';
import { providerWithMetadata, type MessageProviders, type StateHandlers } from '@platform/pact';
import request from 'supertest';
import { bearer, type MlEngine } from '../harness';

type Usage = EventEnvelope<{ tenant_id: string; service: string }>;

/**
 * ml-engine's usage.events for data-pipeline's pact: a shop's admin asks for recommendations on the
 * public API, ml-engine's meter (libs/metering) counts the call and publishes its window as
 * `UsageRecorded` (every USAGE_FLUSH_MS); the message is that event, read back from the topic.
 */
export function usageMessages(ml: MlEngine): {
  stateHandlers: StateHandlers;
  messageProviders: MessageProviders;
} {
  let tenantId = '';
  const recorded = async (): Promise<Usage> => {
    const mine = (e: Usage) =>
      e.event_type === 'UsageRecorded' && e.data.tenant_id === tenantId && e.data.service === 'ml-engine';
    const messages = await readTopic(ml.broker.topic(TOPICS.usageEvents), (all) =>
      all.some((m) => mine(m.json<Usage>())),
    );
    return messages.map((m) => m.json<Usage>()).find(mine)!;
  };
  return {
    stateHandlers: {
      'a shop asked ml-engine for recommendations': async () => {
        const shop = await ml.accounts.newShop();
        await request(ml.url)
          .post('/api/v1/recommendations')
          .set(bearer(shop.token))
          .send({ user_id: 'reader', count: 3 })
          .expect(200);
        tenantId = shop.tenantId;
        return { tenantId };
      },
    },
    messageProviders: {
      'a UsageRecorded event': providerWithMetadata(recorded, { topic: TOPICS.usageEvents }),
    },
  };
}
