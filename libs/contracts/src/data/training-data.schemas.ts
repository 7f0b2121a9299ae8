import { z } from 'zod';

/** Seed 002 §3 `catalog.json` at `tenants/{tenant_id}/catalog.json`, replaced atomically. */
export const CatalogPartitionSchema = z.object({
  date: z.iso.date(),
  /** The day's folder (`s3://bucket/…` or `file://…`): every file of the partition is below it. */
  path: z.string(),
  /** The day's files, relative to `path`: a reader reads these and no others (half-written ones are never listed). */
  files: z.array(z.string()),
  row_count: z.number().int().min(0),
  file_size_mb: z.number().min(0),
});
export const TrainingCatalogSchema = z.object({
  tenant_id: z.uuid(),
  data_version: z.string(),
  partitions: z.array(CatalogPartitionSchema),
  /** The tenant's items as Parquet (`tenants/{tenant_id}/items/`), latest version of each item. */
  items: z
    .object({ path: z.string(), files: z.array(z.string()), row_count: z.number().int().min(0) })
    .optional(),
  schema_version: z.string(),
  updated_at: z.iso.datetime(),
});
export type TrainingCatalog = z.infer<typeof TrainingCatalogSchema>;
export const TRAINING_DATA_SCHEMA_VERSION = '1.0';
