// bench:parquet-memory: the RSS of data-pipeline's Parquet work (two-row interaction files, one-row item
// files, a merge of every eight, as a soak makes them) over many files, with one DuckDB database kept for
// ever (the baseline) and with ParquetFiles' default, a database recycled every 200 connections. Each
// variant runs in a process of its own (RSS is per process); both are printed side by side.
//   npm run bench:parquet-memory [-- --files 2000]
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ParquetFiles } from '../../src/training-data/parquet-files';

const { values } = parseArgs({
  options: { files: { type: 'string', default: '2000' }, variant: { type: 'string' } },
});
const total = Number(values.files);
const every = Math.max(1, Math.floor(total / 5));
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

const interaction = () =>
  ({
    interaction_id: `i-${Math.random()}`,
    user_id: 'u'.repeat(36),
    item_id: 'p'.repeat(36),
    interaction_type: 'view',
    timestamp: Date.now(),
    label: 1,
    context_features: { device: 'web' },
  }) as never;
const item = () =>
  ({
    tenant_id: 't',
    item_id: `p-${Math.random()}`,
    title: 'Title',
    description: 'Description',
    category: 'games',
    tags: ['a', 'b'],
    price: 5,
    currency: 'USD',
    metadata: { x: 1 },
    deleted: false,
    updated_at: new Date().toISOString(),
    seq: 1,
  }) as never;

/** Runs one variant; prints `files rssMB` lines. */
async function workload(recycleAfter: number) {
  const files = new ParquetFiles('256MB', recycleAfter);
  let pending: string[] = [];
  for (let n = 1; n <= total; n++) {
    const written = files.localPath();
    await files.writeInteractions([interaction(), interaction()], written, () => ({ category: 'games' }));
    pending.push(written);
    const items = files.localPath();
    await files.writeItems([item()], items);
    files.remove(items);
    if (pending.length === 8) {
      const merged = files.localPath();
      await files.merge('interactions', pending, merged);
      files.remove(...pending, merged);
      pending = [];
    }
    if (n % every === 0) process.stdout.write(`${n * 2} ${mb(process.memoryUsage().rss)}\n`);
  }
  files.close();
}

function run(variant: string): Map<string, string> {
  const res = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, '--files', String(total), '--variant', variant],
    {
      encoding: 'utf8',
    },
  );
  if (res.status !== 0) throw new Error(`${variant} failed: ${res.stderr}`);
  return new Map(
    res.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
}

if (values.variant) {
  void workload(values.variant === 'kept' ? Infinity : 200);
} else {
  process.stdout.write(`parquet-memory: ${total * 2} files written, RSS MB as they are written\n`);
  const kept = run('kept');
  const recycled = run('recycled');
  process.stdout.write('files     one database   recycled every 200\n');
  for (const [files, rss] of kept)
    process.stdout.write(
      `${files.padEnd(9)} ${rss.padStart(12)}   ${(recycled.get(files) ?? '-').padStart(18)}\n`,
    );
}
