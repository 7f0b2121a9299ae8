import { Errors } from '@platform/service-kit';
import { type OwnedList, type OwnedListsRepository, type Owner } from './owned-lists.repository';

// compare-and-set retries: each lost race means the same owner changed the list meanwhile
const MAX_ATTEMPTS = 50;

/**
 * Reads the owner's list, lets `edit` compute the new entries (or throw, or return `undefined` for
 * "nothing to write") and writes them as one compare-and-set on the version read, again on a lost race.
 */
export async function changeList<E>(
  repo: OwnedListsRepository<E>,
  tenantId: string,
  owner: Owner,
  edit: (entries: E[], doc: OwnedList<E> | null) => E[] | undefined,
): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const doc = await repo.find(tenantId, owner);
    const entries = edit(doc?.entries ?? [], doc);
    if (!entries) return;
    if (await repo.save(tenantId, owner, doc, entries)) return;
  }
  throw Errors.unavailable('Too many concurrent changes to this list; try again');
}
