import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
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
    expect(loadOrCreateDevSecret(file, create)).toEqual({ value: 'secret-1', persisted: true });
    expect(loadOrCreateDevSecret(file, create)).toEqual({ value: 'secret-1', persisted: true });
    expect(made).toBe(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('stay in memory where the directory cannot be written (a container as a non-root user)', () => {
    // sysfs refuses new directories even to root: a stand-in for an image's root-owned /app
    const file = '/sys/platform-dev-keys/k.pem';
    expect(loadOrCreateDevSecret(file, () => 'ephemeral')).toEqual({ value: 'ephemeral', persisted: false });
    expect(existsSync(file)).toBe(false);
  });

  it('live under .devstack/keys, or DEVSTACK_DIR/keys', () => {
    expect(devKeyPath('a.pem', {})).toBe(path.resolve('.devstack', 'keys', 'a.pem'));
    expect(devKeyPath('a.pem', { DEVSTACK_DIR: dir })).toBe(path.join(dir, 'keys', 'a.pem'));
  });
});
