import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ObjectStore } from '@platform/storage';
import { UsearchIndex, type IndexOptions } from './vector-index';

/** Where a tenant's index of one version lives in ml-engine's store. */
export const indexKey = (tenantId: string, version: string) =>
  `ml-engine/tenants/${tenantId}/indexes/${version}`;

interface Header {
  format: 1;
  options: IndexOptions;
  /** item ids and their usearch keys, in the order of the vectors that follow. */
  ids: string[];
  keys: string[];
  nextKey: string;
  /** The caller's own notes (the content catalog keeps when it was taken). */
  meta: Record<string, unknown>;
  graphBytes: number;
}

/**
 * Saves an index as one object: a length-prefixed JSON header (options, id ↔ key map), the vectors
 * (float32, row by row), then usearch's own file of the graph (it saves to a path: a temp file here).
 */
export async function saveIndex(
  store: ObjectStore,
  key: string,
  index: UsearchIndex,
  meta: Record<string, unknown> = {},
): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ml-index-'));
  try {
    const file = path.join(dir, 'graph.usearch');
    // graph, keys and vectors in one synchronous step: a change applied during the awaits cannot split them
    const { keys, nextKey } = index.exportGraph((g) => g.save(file));
    const vectors = new Float32Array(keys.length * index.dimension);
    keys.forEach(([id], row) => vectors.set(index.vectorOf(id)!, row * index.dimension));
    const graph = await readFile(file);
    const header: Header = {
      format: 1,
      options: index.options,
      ids: keys.map(([id]) => id),
      keys: keys.map(([, k]) => k.toString()),
      nextKey: nextKey.toString(),
      meta,
      graphBytes: graph.length,
    };
    const head = Buffer.from(JSON.stringify(header));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(head.length);
    const body = Buffer.concat([len, head, Buffer.from(vectors.buffer), graph]);
    await store.put(key, body, 'application/octet-stream');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The index saved under `key` with its notes, or undefined when there is none. */
export async function loadIndex(
  store: ObjectStore,
  key: string,
): Promise<{ index: UsearchIndex; meta: Record<string, unknown> } | undefined> {
  const body = await store.get(key);
  if (!body) return undefined;
  const headLen = body.readUInt32LE(0);
  const header = JSON.parse(body.subarray(4, 4 + headLen).toString()) as Header;
  if (header.format !== 1) return undefined;
  const index = new UsearchIndex(header.options);
  const d = header.options.dimension;
  const start = 4 + headLen;
  const vectorBytes = header.ids.length * d * 4;
  // a copy: the Buffer's offset need not be 4-aligned, and vectors must not share the snapshot's memory
  const all = new Float32Array(
    body.buffer.slice(body.byteOffset + start, body.byteOffset + start + vectorBytes),
  );
  const dir = await mkdtemp(path.join(tmpdir(), 'ml-index-'));
  try {
    const file = path.join(dir, 'graph.usearch');
    await writeFile(file, body.subarray(start + vectorBytes, start + vectorBytes + header.graphBytes));
    const graph = index.newGraph();
    graph.load(file);
    const entries = header.ids.map((itemId, row) => ({
      itemId,
      key: BigInt(header.keys[row]),
      vector: all.slice(row * d, (row + 1) * d),
    }));
    index.adoptGraph(graph, entries, BigInt(header.nextKey));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { index, meta: header.meta };
}
