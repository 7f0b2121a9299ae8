import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kidOf } from '@platform/auth';
import { createLogger } from '@platform/service-kit';
import { loadUserServiceConfig } from '../config';
import { accessTokenKeys, DEV_SIGNING_KEY_FILE } from './signing-key';

describe('the development signing key', () => {
  let dir: string;
  const saved = process.env.DEV_KEYS_DIR;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'user-service-keys-'));
    process.env.DEV_KEYS_DIR = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.DEV_KEYS_DIR;
    else process.env.DEV_KEYS_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('survives a restart: two loads sign with one key (mode 0600), whose kid is its thumbprint', async () => {
    const config = loadUserServiceConfig({ NODE_ENV: 'development' });
    const logger = createLogger('test', 'silent');
    const first = accessTokenKeys(config, logger);
    const second = accessTokenKeys(config, logger); // as after a restart: read from the file
    expect(second.jwks).toEqual(first.jwks);
    const token = first.sign({ sub: 'u1', tenant_id: 't1', role: 'admin', typ: 'access' });
    await expect(second.verify(token)).resolves.toMatchObject({ sub: 'u1' });
    const file = path.join(dir, DEV_SIGNING_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.jwks.keys.map((k) => k.kid)).toEqual([kidOf(readFileSync(file, 'utf8'))]);
  });
});
