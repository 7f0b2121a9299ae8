import { randomUUID } from 'node:crypto';
import { createEvent } from '@platform/messaging';
import { writeCatalog, dayPrefix, itemsPrefix } from '../src/training-data/catalog';
import { compact } from '../src/training-data/compaction';
import { type TrainingDeps } from '../src/training-data/training-deps';
import { writeBatches } from '../src/training-data/write-batches';
import { startDataPipeline, type DataPipeline } from './harness';
import {
  catalogItems,
  catalogMismatches,
  catalogRows,
  closeReader,
  interactionEvent,
  readCatalog,
} from './training-data-fixtures';
import { partitionFeed, trainingDeps } from './training-data-steps';

// both drivers: the local folder, and S3 (the devstack's S3-compatible server, its test bucket)
const drivers = [
  ['the local folder', {}],
  ['S3', { S3_BUCKET: process.env.S3_TEST_BUCKET ?? '' }],
] as const;

describe.each(drivers)('training data compaction on %s', (_name, env) => {
  let svc: DataPipeline;
  let deps: TrainingDeps;
  beforeAll(async () => {
    svc = await startDataPipeline({ startBackground: false, env });
    deps = trainingDeps(svc);
  });
  afterAll(async () => {
    deps?.files.close();
    await svc?.stop();
    closeReader();
  });

  it('merges a crowded day into one file with the same rows, no duplicates, and a consistent catalog', async () => {
    const tenant = randomUUID();
    const feed = partitionFeed();
    const day = '2026-11-10';
    const retried = [0, 1, 2].map(() => interactionEvent(tenant, { timestamp: `${day}T05:00:00.000Z` }));
    const ids = new Set<string>(retried.map((e) => e.event_id));
    for (let i = 0; i < 10; i++) {
      const events = Array.from({ length: 5 }, (_, j) =>
        interactionEvent(tenant, { timestamp: `${day}T${String(i + 1).padStart(2, '0')}:0${j}:00.000Z` }),
      );
      events.forEach((e) => ids.add(e.event_id));
      // a producer retry put the same records on Kafka again, in a later batch
      await writeBatches(deps, [feed.next(i % 3 === 0 ? [...events, ...retried] : events)]);
      await writeCatalog(deps.pool, deps.store, tenant);
    }
    await writeBatches(deps, [
      feed.next([interactionEvent(tenant, { timestamp: '2026-11-11T01:00:00.000Z' })]),
    ]);
    await writeCatalog(deps.pool, deps.store, tenant);
    const before = (await readCatalog(svc.store, tenant))!;
    const crowded = before.partitions.find((p) => p.date === day)!;
    expect(crowded.files).toHaveLength(10);
    expect(crowded.row_count).toBe(50 + 4 * 3); // the retried three are in four files

    expect(await compact(deps, svc.config.COMPACT_MIN_FILES)).toBe(1);

    const after = (await readCatalog(svc.store, tenant))!;
    const merged = after.partitions.find((p) => p.date === day)!;
    expect(merged.files).toHaveLength(1);
    expect(merged.row_count).toBe(ids.size);
    expect(after.partitions.find((p) => p.date === '2026-11-11')!.files).toHaveLength(1);
    expect(Number(after.data_version.slice(1))).toBeGreaterThan(Number(before.data_version.slice(1)));
    const rows = (await catalogRows(svc.store, after)).filter((r) => r.date === day);
    expect(rows.map((r) => r.interaction_id).sort()).toEqual([...ids].sort());
    expect(await catalogMismatches(svc.store, after)).toEqual([]);
    // the old files are gone from the store: only the merged one is left in the day's folder
    const inStore = await svc.store.list(dayPrefix(tenant, day));
    expect(inStore.map((o) => o.key)).toEqual([`${dayPrefix(tenant, day)}${merged.files[0]}`]);
    // nothing left to do
    expect(await compact(deps, svc.config.COMPACT_MIN_FILES)).toBe(0);
  });

  it('reduces a crowded items folder to the latest row of each item, deletions kept', async () => {
    const tenant = randomUUID();
    const feed = partitionFeed();
    const ingested = (title: string, item_id = 'lamp') =>
      createEvent('ItemIngested', {
        aggregateId: item_id,
        tenantId: tenant,
        data: { item_id, title, received_at: '2026-11-10T10:00:00.000Z' },
      });
    for (let i = 0; i < 9; i++)
      await writeBatches(deps, [feed.next([ingested(`Lamp ${i}`), ingested(`Desk ${i}`, 'desk')])]);
    const deleted = createEvent('ItemDeleted', {
      aggregateId: 'desk',
      tenantId: tenant,
      data: { item_id: 'desk', owner_id: 'o', deleted_at: '2026-11-11T10:00:00.000Z' },
    });
    await writeBatches(deps, [feed.next([deleted])]);
    expect(await compact(deps, svc.config.COMPACT_MIN_FILES)).toBe(1);
    const catalog = (await readCatalog(svc.store, tenant))!;
    expect(catalog.items!.files).toHaveLength(1);
    const items = await catalogItems(svc.store, catalog);
    expect(items.map((r) => [r.item_id, r.title, r.deleted]).sort()).toEqual([
      ['desk', 'Desk 8', true],
      ['lamp', 'Lamp 8', false],
    ]);
    expect((await svc.store.list(itemsPrefix(tenant))).length).toBe(1);
  });
});
