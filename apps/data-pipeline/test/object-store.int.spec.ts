import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DriverUnderTest, localDriver, s3Driver } from './object-store-drivers';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Runs `fn` over `items`, `width` at a time (a thousand puts at once would only queue in the SDK). */
async function inBatches<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

// The one contract both drivers keep; each test writes below a prefix of its own.
describe.each([
  ['local', localDriver],
  ['s3', s3Driver],
] as const)('object store, %s driver', (_kind, makeDriver) => {
  let driver: DriverUnderTest;
  let p: string;
  const files = mkdtempSync(path.join(tmpdir(), 'dp-object-files-'));

  beforeAll(async () => {
    driver = await makeDriver();
  });
  beforeEach(() => {
    p = `tests/${randomUUID()}/`;
  });
  afterEach(async () => {
    await driver.store.delete((await driver.store.list(p)).map((o) => o.key));
  });
  afterAll(async () => {
    await driver.dispose();
    rmSync(files, { recursive: true, force: true });
  });

  it('gives back exactly the bytes it was given, binary or text', async () => {
    const bytes = Buffer.concat([
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      randomBytes(300_000),
    ]);
    await driver.store.put(`${p}blob.bin`, bytes, 'application/octet-stream');
    await driver.store.put(`${p}catalog.json`, '{"tenant_id":"ü"}', 'application/json');
    expect((await driver.store.get(`${p}blob.bin`))?.equals(bytes)).toBe(true);
    expect((await driver.store.get(`${p}catalog.json`))?.toString('utf8')).toBe('{"tenant_id":"ü"}');
  });

  it('replaces an object at once: a reader during overwrites sees one whole version, never a part', async () => {
    const key = `${p}catalog.json`;
    const size = 2 * 1024 * 1024;
    const version = (v: number) => Buffer.alloc(size, v);
    await driver.store.put(key, version(0));
    let writing = true;
    const writer = (async () => {
      for (let v = 1; v <= 12; v++) await driver.store.put(key, version(v));
      writing = false;
    })();
    const seen: string[] = [];
    while (writing) {
      const got = (await driver.store.get(key)) as Buffer;
      // a whole version has `size` bytes, all the same; a torn read is shorter or mixes two
      seen.push(got.length === size && got.equals(version(got[0])) ? 'whole' : `torn (${got.length} bytes)`);
    }
    await writer;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((s) => s !== 'whole')).toEqual([]);
    expect((await driver.store.get(key))?.equals(version(12))).toBe(true);
  });

  it('lists more than 1,000 objects of a prefix, in key order, and deletes them in one call', async () => {
    const keys = Array.from({ length: 1050 }, (_, i) => `${p}day/part-${String(i).padStart(5, '0')}.parquet`);
    await inBatches(keys, 25, (k) => driver.store.put(k, 'x'));
    await driver.store.put(`${p}day-after/part-0.parquet`, 'other prefix');
    const listed = await driver.store.list(`${p}day/`);
    expect(listed.map((o) => o.key)).toEqual(keys);
    expect(listed.every((o) => o.size === 1)).toBe(true);

    await driver.store.delete(keys);
    expect(await driver.store.list(`${p}day/`)).toEqual([]);
    expect((await driver.store.list(p)).map((o) => o.key)).toEqual([`${p}day-after/part-0.parquet`]);
  });

  it('keeps nested keys apart, and a prefix need not end at a "/"', async () => {
    await driver.store.put(`${p}t/training_data/2026-11-23/part-1.parquet`, 'abc');
    await driver.store.put(`${p}t/catalog.json`, '{}');
    await driver.store.put(`${p}t/catalog.json.bak`, 'old');
    await driver.store.put(`${p}tx/catalog.json`, 'another tenant');
    expect(await driver.store.list(`${p}t/cat`)).toEqual([
      { key: `${p}t/catalog.json`, size: 2 },
      { key: `${p}t/catalog.json.bak`, size: 3 },
    ]);
    expect((await driver.store.list(`${p}t/`)).map((o) => o.key)).toEqual([
      `${p}t/catalog.json`,
      `${p}t/catalog.json.bak`,
      `${p}t/training_data/2026-11-23/part-1.parquet`,
    ]);
    expect((await driver.store.get(`${p}t/training_data/2026-11-23/part-1.parquet`))?.toString()).toBe('abc');
  });

  it('answers a missing key with nothing, not an error', async () => {
    const dest = path.join(files, `missing-${randomUUID()}`);
    expect(await driver.store.get(`${p}nothing.json`)).toBeUndefined();
    expect(await driver.store.getToFile(`${p}nothing.json`, dest)).toBe(false);
    expect(existsSync(dest)).toBe(false);
    expect(await driver.store.list(`${p}nothing/`)).toEqual([]);
  });

  it('deletes what exists and takes missing keys without complaint', async () => {
    await driver.store.put(`${p}a`, '1');
    await driver.store.put(`${p}b`, '2');
    await driver.store.delete([`${p}a`, `${p}never-there`]);
    await driver.store.delete([]);
    expect(await driver.store.get(`${p}a`)).toBeUndefined();
    expect((await driver.store.list(p)).map((o) => o.key)).toEqual([`${p}b`]);
  });

  it('uploads and downloads a 20 MB file whole', async () => {
    const src = path.join(files, `upload-${randomUUID()}.parquet`);
    const dest = path.join(files, `download-${randomUUID()}.parquet`);
    const content = randomBytes(20 * 1024 * 1024);
    writeFileSync(src, content);
    await driver.store.putFile(`${p}big.parquet`, src);
    expect(await driver.store.list(`${p}big`)).toEqual([{ key: `${p}big.parquet`, size: content.length }]);
    expect(await driver.store.getToFile(`${p}big.parquet`, dest)).toBe(true);
    expect(sha256(readFileSync(dest))).toBe(sha256(content));
  });

  it('refuses keys that would mean another place on either driver', async () => {
    for (const key of ['../escape.json', `${p}../../escape.json`, '/etc/escape.json', `${p}./x`, ''])
      await expect(driver.store.put(key, 'no')).rejects.toThrow(/object key/);
    await expect(driver.store.get('../escape.json')).rejects.toThrow(/object key/);
    await expect(driver.store.delete([`${p}ok`, '../escape.json'])).rejects.toThrow(/object key/);
  });

  it('names each object by a URL catalog.json can carry', () => {
    expect(driver.store.url('tenants/t1/catalog.json')).toBe(driver.expectedUrl('tenants/t1/catalog.json'));
  });

  it('reports storage healthy when it works, and fails init and health when it does not', async () => {
    const check = driver.store.healthCheck();
    expect({ name: check.name, critical: check.critical }).toEqual({ name: 'storage', critical: true });
    await expect(check.check()).resolves.toBeUndefined();
    await expect(driver.broken.init()).rejects.toThrow();
    await expect(driver.broken.healthCheck().check()).rejects.toThrow();
  });
});

describe('object store, local driver only', () => {
  it('writes nothing outside its root folder', async () => {
    const driver = await localDriver();
    const root = (driver.store as { root?: string }).root as string;
    await expect(driver.store.put('../outside.json', 'no')).rejects.toThrow(/object key/);
    expect(existsSync(path.join(root, '..', 'outside.json'))).toBe(false);
    await driver.dispose();
  });
});
