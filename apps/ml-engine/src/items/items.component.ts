import { type Component, type ComponentDeps } from '../component';
import { type ItemCatalog, type ModelSpaces } from '../model-space';
import { type TenantSettings } from '../tenants/tenant-settings';

/** Items: the catalog, the content encoder, the indexes' upkeep and the embedding routes. */
export function itemsComponent(
  _deps: ComponentDeps,
  _opts: { settings: TenantSettings; spaces: () => ModelSpaces },
): Component & { catalog: ItemCatalog } {
  throw new Error('items: not built yet');
}
