import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where development keys live: `.devstack/keys/` of the checkout (git-ignored), or `$DEVSTACK_DIR/keys`.
 * Services run from the repository root (`npm run up`, jest), so a relative default finds the same files.
 */
export const devKeyPath = (name: string, env: NodeJS.ProcessEnv = process.env): string =>
  path.resolve(env.DEV_KEYS_DIR ?? path.join(env.DEVSTACK_DIR ?? '.devstack', 'keys'), name);

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * Reads a development secret, creating it once (mode 0600) when it does not exist yet, so that it
 * survives restarts and every process of the checkout shares it. Creation is atomic: the content is
 * written to a private temporary file and hard-linked into place, which fails if another process won
 * the race, and then that process's file is read. Where nothing can be written (a container's
 * read-only or foreign working directory) the secret lives in memory only: `persisted` says which.
 * Never used in production (configs require the real one).
 */
export function loadOrCreateDevSecret(
  file: string,
  create: () => string,
): { value: string; persisted: boolean } {
  try {
    return { value: readFileSync(file, 'utf8'), persisted: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const value = create();
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(tmp, value, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if (UNWRITABLE.has(String((err as NodeJS.ErrnoException).code))) return { value, persisted: false };
    throw err;
  }
  chmodSync(tmp, 0o600); // the umask may have narrowed it further, never widened: make it exact
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  return { value: readFileSync(file, 'utf8'), persisted: true };
}
