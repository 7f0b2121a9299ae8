import { randomUUID } from 'node:crypto';
import { TOPICS } from '@platform/contracts';
import { createEvent, enqueueEvents, type BatchContext, type ConsumedEvent } from '@platform/messaging';
import { withTransaction } from '@platform/service-kit';
import { type PoolClient } from 'pg';
import { catalogKey, dataVersion, dayPrefix, itemsPrefix } from './catalog';
import { type TrainingDeps } from './training-deps';
import { trainingRepository as repo, type FileRecord } from './training-data.repository';
import {
  applyChange,
  rowsOf,
  type InteractionRow,
  type ItemChange,
  type ItemRow,
  type ItemState,
} from './training-rows';

export interface FetchedBatch {
  events: ConsumedEvent[];
  ctx: BatchContext;
}

/** Test seams: a hook that throws stands for a crash at that point. */
export interface WriterHooks {
  /** After the files are in the store, before the PostgreSQL commit. */
  beforeCommit?: () => Promise<void>;
}

const partKey = (prefix: string) => `${prefix}part-${Date.now()}-${randomUUID()}.parquet`;
const keyOf = (topic: string, partition: number) => `${topic}:${partition}`;

/**
 * Writes the fetched batches of any partitions as Parquet, exactly once. How:
 * 1. in one transaction, lock the partitions' rows of `writer_offsets` and drop every event below the
 *    stored next offset (a redelivery after a crash between this commit and the Kafka commit, or the
 *    batch a zombie instance still holds after a rebalance);
 * 2. write one file per (tenant, day) and one items file per tenant to the store;
 * 3. in the same transaction, list the files in `training_files`, move the offsets past the batches,
 *    bump each tenant's data version and enqueue its `TrainingDataUpdated` (outbox), then commit;
 * 4. only then does the caller let the consumer commit to Kafka.
 * A crash before 3 leaves unlisted files (orphans: no reader sees them, the sweep deletes them) and
 * offsets unmoved, so the redelivery writes the rows again, once. Returns the tenants that changed.
 */
export async function writeBatches(deps: TrainingDeps, batches: FetchedBatch[], hooks: WriterHooks = {}) {
  const { tenants, records } = await withTransaction(deps.pool, async (client) => {
    const parts = new Map<string, { topic: string; partition: number; next: number }>();
    for (const { ctx } of batches) {
      const topic = deps.offsetTopic(ctx.topic);
      const key = keyOf(topic, ctx.partition);
      const next = Math.max(parts.get(key)?.next ?? 0, Number(ctx.lastOffset) + 1);
      parts.set(key, { topic, partition: ctx.partition, next });
    }
    const stored = await repo.lockOffsets(client, [...parts.values()]);
    const fresh = batches.flatMap((b) =>
      b.events.filter(
        (e) => Number(e.offset) >= (stored.get(keyOf(deps.offsetTopic(e.topic), e.partition)) ?? 0),
      ),
    );
    const interactions = new Map<string, InteractionRow>(); // deduped by interaction_id
    const changes: ItemChange[] = [];
    for (const e of fresh) {
      const rows = rowsOf(e);
      for (const r of rows.interactions) interactions.set(r.interaction_id, r);
      changes.push(...rows.items);
    }
    const files = await writeFiles(deps, client, [...interactions.values()], changes);
    await hooks.beforeCommit?.();
    await repo.addFiles(client, files.records);
    await repo.saveItemStates(client, files.states);
    await repo.advanceOffsets(client, new Map([...parts].map(([k, p]) => [k, p.next])));
    // sorted: two writers bumping the versions of the same tenants lock their rows in one order
    const tenants = [...new Set(files.records.map((f) => f.tenant_id))].sort();
    for (const tenant of tenants) {
      const days = files.records.filter((f) => f.tenant_id === tenant && f.day).map((f) => f.day!);
      await announce(client, tenant, [...new Set(days)].sort());
    }
    return { tenants, records: files.records };
  });
  for (const f of records) deps.metrics.written(f);
  return tenants;
}

/** Bumps the tenant's data version and enqueues `TrainingDataUpdated` in the caller's transaction. */
export async function announce(client: PoolClient, tenant: string, days: string[]) {
  const version = await repo.bumpVersion(client, tenant);
  const event = createEvent('TrainingDataUpdated', {
    aggregateId: tenant,
    tenantId: tenant,
    data: {
      tenant_id: tenant,
      data_version: dataVersion(version),
      catalog_path: catalogKey(tenant),
      dates: days,
      row_count: await repo.interactionRows(client, tenant),
    },
  });
  await enqueueEvents(client, TOPICS.dataEvents, [event]);
}

async function writeFiles(
  deps: TrainingDeps,
  client: PoolClient,
  rows: InteractionRow[],
  changes: ItemChange[],
) {
  const keys = (list: { tenant_id: string; item_id: string }[]) => [
    ...new Map(list.map((x) => [`${x.tenant_id}:${x.item_id}`, x])).values(),
  ];
  const changing = keys(changes);
  const states = await repo.itemStates(client, changing, true);
  const seen = new Set(changing.map((x) => `${x.tenant_id}:${x.item_id}`));
  const others = keys(rows).filter((x) => !seen.has(`${x.tenant_id}:${x.item_id}`));
  for (const [k, v] of await repo.itemStates(client, others, false)) states.set(k, v);
  const changed = new Map<string, ItemRow[]>();
  for (const c of changes) {
    const key = `${c.tenant_id}:${c.item_id}`;
    const state = applyChange(states.get(key), c);
    states.set(key, state);
    push(changed, c.tenant_id, { ...state, tenant_id: c.tenant_id, item_id: c.item_id });
  }
  const records: FileRecord[] = [];
  const upload = async (
    prefix: string,
    base: Omit<FileRecord, 'key' | 'size_bytes'>,
    write: (f: string) => Promise<number>,
  ) => {
    const local = deps.files.localPath();
    try {
      const size_bytes = await write(local);
      const key = partKey(prefix);
      await deps.store.putFile(key, local);
      records.push({ ...base, key, size_bytes });
    } finally {
      deps.files.remove(local);
    }
  };
  const days = new Map<string, InteractionRow[]>();
  for (const r of rows) push(days, `${r.tenant_id}/${r.day}`, r);
  const features = (r: InteractionRow) => itemFeatures(states.get(`${r.tenant_id}:${r.item_id}`));
  for (const list of days.values()) {
    const { tenant_id, day } = list[0];
    const base = { tenant_id, kind: 'interactions' as const, day, row_count: list.length };
    await upload(dayPrefix(tenant_id, day), base, (f) => deps.files.writeInteractions(list, f, features));
  }
  for (const [tenant_id, list] of changed) {
    const base = { tenant_id, kind: 'items' as const, day: null, row_count: list.length };
    await upload(itemsPrefix(tenant_id), base, (f) => deps.files.writeItems(list, f));
  }
  const saved = [...changed.values()]
    .flat()
    .map((r) => ({ tenant_id: r.tenant_id, item_id: r.item_id, state: stateOf(r) }));
  return { records, states: latestPerItem(saved) };
}

/** Item features of an interaction: what the writer knows of the item at write time (empty when unknown). */
function itemFeatures(s: ItemState | undefined): object {
  if (!s || s.deleted) return {};
  return { category: s.category, tags: s.tags, price: s.price, currency: s.currency };
}

function push<T>(groups: Map<string, T[]>, key: string, value: T) {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

const stateOf = ({ tenant_id: _t, item_id: _i, ...state }: ItemRow): ItemState => state;

function latestPerItem(list: { tenant_id: string; item_id: string; state: ItemState }[]) {
  const m = new Map(list.map((x) => [`${x.tenant_id}:${x.item_id}`, x]));
  return [...m.values()];
}
