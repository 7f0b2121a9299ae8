import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { devKeyPath, loadOrCreateDevSecret } from './index';

describe('development secrets', () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), 'dev-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are created once with mode 0600 and read back on the next load', () => {
    const file = path.join(dir, 'keys', 'k.pem');
    let made = 0;
    const create = () => `secret-${++made}`;
    expect(loadOrCreateDevSecret(file, create)).toBe('secret-1');
    expect(loadOrCreateDevSecret(file, create)).toBe('secret-1');
    expect(made).toBe(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('live under .devstack/keys, or DEVSTACK_DIR/keys', () => {
    expect(devKeyPath('a.pem', {})).toBe(path.resolve('.devstack', 'keys', 'a.pem'));
    expect(devKeyPath('a.pem', { DEVSTACK_DIR: dir })).toBe(path.join(dir, 'keys', 'a.pem'));
  });
});
