import { randomUUID } from 'node:crypto';
import { TrainingCatalogSchema, type DomainEvent, type TrainingCatalog } from '@platform/contracts';
import { createEvent } from '@platform/messaging';
import { ParquetFiles } from '../src/training-data/parquet-files';
import { readParquetRows } from '../src/training-data/parquet-read';
import { catalogKey, dayPrefix, itemsPrefix } from '../src/training-data/catalog';
import { type ObjectStore } from '@platform/storage';

/** An accepted interaction as ingestion publishes it (event_id = interaction_id). */
export function interactionEvent(
  tenantId: string,
  data: Partial<DomainEvent<'InteractionIngested'>['data']> = {},
): DomainEvent<'InteractionIngested'> {
  const interaction_id = data.interaction_id ?? randomUUID();
  const event = createEvent('InteractionIngested', {
    aggregateId: interaction_id,
    tenantId,
    data: {
      interaction_id,
      user_id: 'user_1',
      item_id: 'item_1',
      interaction_type: 'view',
      timestamp: '2026-11-20T10:00:00.000Z',
      source: 'batch',
      ...data,
    },
  });
  return { ...event, event_id: interaction_id };
}

const reader = new ParquetFiles();
/** Ends the reader's DuckDB and removes its temp folder (afterAll). */
export const closeReader = () => reader.close();
const readRows = (body: Buffer) => readParquetRows(reader, body);

export async function readCatalog(
  store: ObjectStore,
  tenantId: string,
): Promise<TrainingCatalog | undefined> {
  const body = await store.get(catalogKey(tenantId));
  return body ? TrainingCatalogSchema.parse(JSON.parse(body.toString('utf8'))) : undefined;
}

export type Row = Record<string, unknown>;

/** Every interaction row of the files the catalog lists (what a reader sees), with the file each came from. */
export async function catalogRows(store: ObjectStore, catalog: TrainingCatalog | undefined) {
  const rows: (Row & { date: string })[] = [];
  for (const p of catalog?.partitions ?? [])
    for (const f of p.files) {
      const body = await store.get(`${dayPrefix(catalog!.tenant_id, p.date)}${f}`);
      if (!body) throw new Error(`catalog lists ${p.date}/${f}, which is not in the store`);
      rows.push(...(await readRows(body)).map((r) => ({ ...r, date: p.date })));
    }
  return rows;
}

/** The item rows of the catalog's item files. */
export async function catalogItems(store: ObjectStore, catalog: TrainingCatalog | undefined) {
  const rows: Row[] = [];
  for (const f of catalog?.items?.files ?? []) {
    const body = await store.get(`${itemsPrefix(catalog!.tenant_id)}${f}`);
    if (!body) throw new Error(`catalog lists items/${f}, which is not in the store`);
    rows.push(...(await readRows(body)));
  }
  return rows;
}

/** Checks catalog.json against the store: every listed file exists and holds the rows it claims. */
export async function catalogMismatches(store: ObjectStore, catalog: TrainingCatalog): Promise<string[]> {
  const problems: string[] = [];
  for (const p of catalog.partitions) {
    let rows = 0;
    for (const f of p.files) {
      const body = await store.get(`${dayPrefix(catalog.tenant_id, p.date)}${f}`);
      if (!body) problems.push(`${p.date}/${f} missing`);
      else rows += (await readRows(body)).length;
    }
    if (rows !== p.row_count)
      problems.push(`${p.date}: catalog says ${p.row_count} rows, files hold ${rows}`);
  }
  return problems;
}
