import { existsSync } from 'node:fs';
import { status } from '../src';
import { pidFile } from '../src/paths';
import { isAlive, readPid } from '../src/process';
import { startPrivateServer } from '../src/testing';

describe('devstack', () => {
  it('has every server answering its own protocol after up (the global setup)', async () => {
    const rows = await status();
    expect(rows.map((r) => r.name).sort()).toEqual([
      'ferretdb',
      'kafka',
      'payment-gateway-simulator',
      'postgres',
      'redis',
      's3',
      'smtp',
      'supplier-simulator',
    ]);
    expect(rows.filter((r) => !r.answers)).toEqual([]);
  });

  it('stops only what it started, by pid, and starts it again on the same port', async () => {
    const redis = await startPrivateServer('redis');
    const pid = readPid(redis.name) as number;
    expect(isAlive(pid)).toBe(true);
    await redis.stop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(pidFile(redis.name))).toBe(false);
    await expect(redis.ready()).rejects.toThrow();
    await redis.restart();
    await expect(redis.ready()).resolves.toBe(true);
    await redis.dispose();
  });
});
