import { randomUUID } from 'node:crypto';
import { writeCatalog, dayPrefix } from '../src/training-data/catalog';
import { sweepOrphans } from '../src/training-data/compaction';
import { type TrainingDeps } from '../src/training-data/training-deps';
import { writeBatches } from '../src/training-data/write-batches';
import { startDataPipeline, type DataPipeline } from './harness';
import {
  catalogMismatches,
  catalogRows,
  closeReader,
  interactionEvent,
  readCatalog,
} from './training-data-fixtures';
import { partitionFeed, trainingDeps } from './training-data-steps';

/**
 * The writer driven step by step in-process, with a crash at each point of its protocol: a hook that
 * throws after the files are in the store and before the PostgreSQL commit, and a redelivery of
 * committed batches (what a crash between the PostgreSQL commit and the Kafka commit leaves).
 */
describe('training data writer: crashes in the middle of a write', () => {
  let svc: DataPipeline;
  let deps: TrainingDeps;
  beforeAll(async () => {
    svc = await startDataPipeline({ startBackground: false });
    deps = trainingDeps(svc);
  });
  afterAll(async () => {
    deps?.files.close();
    await svc?.stop();
    closeReader();
  });

  const day = '2026-11-12';
  const events = (tenant: string, n: number) =>
    Array.from({ length: n }, (_, i) =>
      interactionEvent(tenant, { timestamp: `${day}T0${i % 10}:00:00.000Z` }),
    );
  const ids = async (tenant: string) =>
    (await catalogRows(svc.store, await readCatalog(svc.store, tenant))).map((r) => r.interaction_id);
  const inStore = async (tenant: string) => (await svc.store.list(dayPrefix(tenant, day))).map((o) => o.key);

  it('a crash after the file write and before the commit leaves an orphan no reader sees; the redelivery writes once', async () => {
    const tenant = randomUUID();
    const feed = partitionFeed();
    const batch = feed.next(events(tenant, 20));
    const crash = async () => {
      throw new Error('killed before the commit');
    };
    await expect(writeBatches(deps, [batch], { beforeCommit: crash })).rejects.toThrow('killed');
    const orphans = await inStore(tenant);
    expect(orphans).toHaveLength(1); // the file got to the store ...
    expect(await readCatalog(svc.store, tenant)).toBeUndefined(); // ... but no catalog lists it

    await writeBatches(deps, [batch]); // Kafka never saw a commit: the same batch comes again
    await writeCatalog(deps.pool, deps.store, tenant);
    expect((await ids(tenant)).sort()).toEqual(batch.events.map((e) => e.event.event_id).sort());
    expect(await inStore(tenant)).toHaveLength(2);

    // the sweep deletes the unlisted file once it is old enough, never a listed one
    expect(await sweepOrphans(deps, 60_000)).not.toContain(orphans[0]);
    const swept = await sweepOrphans(deps, 60_000, Date.now() + 120_000);
    expect(swept).toContain(orphans[0]);
    expect(await inStore(tenant)).toHaveLength(1);
    expect(await catalogMismatches(svc.store, (await readCatalog(svc.store, tenant))!)).toEqual([]);
  });

  it('a redelivery after the commit (no Kafka commit yet) is skipped, and an overlapping one writes only the rest', async () => {
    const tenant = randomUUID();
    const feed = partitionFeed();
    const first = events(tenant, 10);
    await writeBatches(deps, [feed.at(0, first)]);
    expect(await writeBatches(deps, [feed.at(0, first)])).toEqual([]); // the whole batch again: nothing new
    const more = events(tenant, 5);
    // a zombie's batch and the new owner's overlap: offsets 5–14, of which 10–14 are new
    await writeBatches(deps, [feed.at(5, [...first.slice(5), ...more])]);
    await writeCatalog(deps.pool, deps.store, tenant);
    const written = await ids(tenant);
    expect(written).toHaveLength(15);
    expect(new Set(written)).toEqual(new Set([...first, ...more].map((e) => e.event_id)));
    expect(await inStore(tenant)).toHaveLength(2);
  });
});
