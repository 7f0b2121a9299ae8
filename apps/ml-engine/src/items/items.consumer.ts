import { TOPICS, type DomainEvent, type EventType } from '@platform/contracts';
import { EventConsumer, PgInbox, type EventHandler } from '@platform/messaging';
import { type PoolClient } from 'pg';
import { type ComponentDeps } from '../component';
import { type ItemChange } from '../model-space';
import { deleteItem, tenantOfEvent, upsertItem } from './apply-item-event';
import { type ContentCatalog } from './content-catalog';

type Apply<T extends EventType> = (event: DomainEvent<T>, tx: PoolClient) => Promise<ItemChange | undefined>;

/**
 * Follows order-service's `item.events` and data-pipeline's `items.ingested` into the catalog. Each
 * event's write and its inbox mark commit together (a redelivery changes nothing twice); memory, the
 * index and the listeners follow once it committed. A new group reads from the beginning, so items
 * made before ml-engine's first start (or this replica's) are known. A poison event goes to the DLQ and the rest go on.
 */
export function itemsConsumer(deps: ComponentDeps, catalog: ContentCatalog): EventConsumer {
  const inbox = new PgInbox(deps.pool);
  const handle = <T extends EventType>(apply: Apply<T>): EventHandler<DomainEvent<T>> => {
    return async (event, ctx) => {
      const tenantId = tenantOfEvent(event);
      let change: ItemChange | undefined;
      const result = await inbox.handle<DomainEvent<T>>(async (e, tx) => {
        change = await apply(e, tx);
      })(event, ctx);
      if (change) await catalog.applied(tenantId, change);
      return result;
    };
  };
  return new EventConsumer(deps.broker, {
    // a group per replica: each keeps its own catalog and indexes in memory, so each must see every event
    // (the rows are written once per group; a second replica's write is the same idempotent upsert)
    groupId: deps.broker.topic(`${deps.config.CONSUMER_GROUP}.items.${deps.config.INSTANCE_ID}`),
    topics: [TOPICS.itemEvents, TOPICS.itemsIngested],
    fromBeginning: true,
    metrics: deps.metrics,
    handlers: {
      ItemCreated: handle<'ItemCreated'>((e, tx) =>
        upsertItem(catalog, tx, tenantOfEvent(e), {
          itemId: e.data.item_id,
          features: e.data,
          createdAt: e.data.created_at,
          changedAt: e.data.created_at,
        }),
      ),
      ItemUpdated: handle<'ItemUpdated'>((e, tx) =>
        upsertItem(catalog, tx, tenantOfEvent(e), {
          itemId: e.data.item_id,
          features: e.data,
          createdAt: e.occurred_at,
          changedAt: e.data.updated_at,
        }),
      ),
      // the price is no content feature: the event is only marked as seen
      ItemPriceChanged: handle<'ItemPriceChanged'>(async () => undefined),
      ItemDeleted: handle<'ItemDeleted'>((e, tx) =>
        deleteItem(tx, tenantOfEvent(e), e.data.item_id, e.data.deleted_at),
      ),
      ItemIngested: handle<'ItemIngested'>((e, tx) =>
        upsertItem(catalog, tx, tenantOfEvent(e), {
          itemId: e.data.item_id,
          features: e.data,
          createdAt: e.data.created_at ?? e.data.received_at,
          changedAt: e.data.received_at,
        }),
      ),
    },
  });
}
