import { TOPICS, type EventEnvelope } from '@platform/contracts';
import { type MongoOutboxEntry } from '@platform/messaging';
import { providerWithMetadata, type MessageProviders, type StateHandlers } from '@platform/pact';
import request from 'supertest';
import { bearer, type OrderService } from '../harness';

type ItemEventType = 'ItemCreated' | 'ItemUpdated' | 'ItemPriceChanged' | 'ItemDeleted';

/**
 * order-service's item.events for the message pacts (data-pipeline, ml-engine), each produced by the
 * catalog use case that really produces it (a developer of a new shop creates, updates or deletes an
 * item through the HTTP API) and read back from the item document's `outbox`, where the use case keeps
 * its events until the relay publishes them. The relay removes what it published, so the verification
 * runs order-service with `startBackground: false`. Used by provider.pact.spec.ts.
 */
export function itemEventMessages(svc: OrderService): {
  stateHandlers: StateHandlers;
  messageProviders: MessageProviders;
} {
  const produced = new Map<ItemEventType, EventEnvelope>();

  /** A developer of a new shop, and an item they listed (ItemCreated waits in its outbox). */
  const listedItem = async () => {
    const shop = await svc.newShop();
    const developer = await svc.addMember(shop.admin, 'developer');
    const res = await request(svc.app)
      .post('/api/items')
      .set(bearer(developer.token))
      .send({
        title: 'Camping stove',
        description: 'A light stove for two',
        category: 'outdoor',
        tags: ['camping', 'cooking'],
        price: 49.9,
        currency: 'USD',
        stock: 12,
      })
      .expect(201);
    return { token: developer.token, itemId: (res.body as { item_id: string }).item_id };
  };

  /** The item's pending event of `type`, as the relay would publish it. */
  const pending = async (itemId: string, type: ItemEventType) => {
    const doc = await svc.db.collection('items').findOne({ _id: itemId as never });
    const entries = (doc?.outbox ?? []) as MongoOutboxEntry[];
    const found = entries.filter((e) => e.topic === TOPICS.itemEvents && e.event.event_type === type);
    if (found.length !== 1)
      throw new Error(`item ${itemId} holds ${found.length} pending ${type} (is the outbox relay running?)`);
    produced.set(type, found[0].event);
  };

  const stateHandlers: StateHandlers = {
    'an item was created': async () => {
      const { itemId } = await listedItem();
      await pending(itemId, 'ItemCreated');
    },
    // a new title and description, the same price: ItemUpdated alone
    'an item was updated': async () => {
      const { token, itemId } = await listedItem();
      await request(svc.app)
        .put(`/api/items/${itemId}`)
        .set(bearer(token))
        .send({ title: 'Camping stove, two burners', description: 'Two burners, folds flat' })
        .expect(200);
      await pending(itemId, 'ItemUpdated');
    },
    "an item's price was changed": async () => {
      const { token, itemId } = await listedItem();
      await request(svc.app).put(`/api/items/${itemId}`).set(bearer(token)).send({ price: 39.9 }).expect(200);
      await pending(itemId, 'ItemPriceChanged');
    },
    'an item was deleted': async () => {
      const { token, itemId } = await listedItem();
      await request(svc.app).delete(`/api/items/${itemId}`).set(bearer(token)).expect(204);
      await pending(itemId, 'ItemDeleted');
    },
  };

  const message = (type: ItemEventType) =>
    providerWithMetadata(
      () => {
        const event = produced.get(type);
        if (!event) throw new Error(`no ${type} was produced: its provider state did not run`);
        return event;
      },
      { topic: TOPICS.itemEvents },
    );

  return {
    stateHandlers,
    messageProviders: {
      'an ItemCreated event': message('ItemCreated'),
      'an ItemUpdated event': message('ItemUpdated'),
      'an ItemPriceChanged event': message('ItemPriceChanged'),
      'an ItemDeleted event': message('ItemDeleted'),
    },
  };
}
