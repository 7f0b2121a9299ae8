import { type EventConsumer } from '@platform/messaging';
import { type Component, type ComponentDeps } from '../component';
import { indexOptions } from '../index/vector-index';
import { type ItemCatalog, type ModelSpaces } from '../model-space';
import { type TenantSettings } from '../tenants/tenant-settings';
import { ContentCatalog } from './content-catalog';
import { inboxPruner } from './inbox-pruner';
import { itemsConsumer } from './items.consumer';
import { itemsRouter } from './items.routes';

/** Items: the catalog, the content encoder, the indexes' upkeep and the embedding routes. */
export function itemsComponent(
  deps: ComponentDeps,
  opts: { settings: TenantSettings; spaces: () => ModelSpaces },
): Component & { catalog: ItemCatalog; consumer: EventConsumer } {
  const { config } = deps;
  const catalog = new ContentCatalog({
    pool: deps.pool,
    store: deps.store,
    settings: opts.settings,
    logger: deps.logger,
    indexOptions: (dimension) => indexOptions(config, 'cos', dimension),
    snapshotDelayMs: config.INDEX_SNAPSHOT_DELAY_MS,
  });
  const consumer = itemsConsumer(deps, catalog);
  return {
    catalog,
    consumer,
    routers: [itemsRouter({ catalog, spaces: opts.spaces }, config.SERVICE_TOKEN_SECRET)],
    background: [
      consumer,
      inboxPruner(deps),
      // the last changes' snapshot is saved at the stop, after the consumer has stopped
      { start: () => undefined, stop: () => catalog.flush() },
    ],
    checks: [],
  };
}
