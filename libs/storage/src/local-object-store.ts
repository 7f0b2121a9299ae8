import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type HealthCheck } from '@platform/service-kit';
import { assertObjectKey, type ObjectStore, type StoredObject } from './object-store';

const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Object storage on the local file system: keys are paths below one root folder. Writes go to a
 * temporary file in the same folder and are renamed into place, so a reader never sees half a file.
 */
export class LocalObjectStore implements ObjectStore {
  readonly kind = 'local' as const;
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  url(key: string): string {
    return pathToFileURL(this.pathOf(key)).href;
  }

  private pathOf(key: string): string {
    assertObjectKey(key);
    const p = path.resolve(this.root, key);
    if (!p.startsWith(this.root + path.sep)) throw new Error(`object key outside the store: ${key}`);
    return p;
  }

  private async replace(key: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(path.dirname(target), `.tmp-${randomUUID()}`);
    try {
      await write(tmp);
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  put(key: string, body: Uint8Array | string): Promise<void> {
    return this.replace(key, (tmp) => writeFile(tmp, body));
  }

  putFile(key: string, localPath: string): Promise<void> {
    return this.replace(key, (tmp) => copyFile(localPath, tmp));
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  }

  async getToFile(key: string, localPath: string): Promise<boolean> {
    try {
      await copyFile(this.pathOf(key), localPath);
      return true;
    } catch (err) {
      if (missing(err)) return false;
      throw err;
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    // walk the deepest folder the prefix names, then filter by the whole prefix
    const dir = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const out: StoredObject[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(path.join(this.root, rel), { withFileTypes: true });
      } catch (err) {
        if (missing(err)) return;
        throw err;
      }
      for (const e of entries) {
        const key = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) await walk(key);
        else if (!e.name.startsWith('.tmp-') && key.startsWith(prefix))
          out.push({ key, size: (await stat(path.join(this.root, key))).size });
      }
    };
    await walk(dir);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((k) => rm(this.pathOf(k), { force: true })));
  }

  async close(): Promise<void> {
    // nothing held open: every call opens and closes its own files
  }

  /** `storage` in /health: a probe object can be written and removed. */
  healthCheck(): HealthCheck {
    return {
      name: 'storage',
      critical: true,
      check: async () => {
        const probe = path.join(this.root, `.health-${randomUUID()}`);
        await writeFile(probe, 'ok');
        await rm(probe);
      },
    };
  }
}
