import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FerretDbServer, ferretDbBinary } from '../src/servers/ferretdb';
import { startPrivateServer } from '../src/testing';

describe('a FerretDB devstack started from another build', () => {
  it('is reported outdated, naming the binary it runs and the one it should run', async () => {
    const running = await startPrivateServer('ferretdb');
    try {
      expect(running.outdated()).toBeUndefined();

      // the same server as seen by a devstack whose patch has changed since it was started
      const newer = path.join(mkdtempSync(path.join(tmpdir(), 'ferretdb-patch-')), 'newer.patch');
      writeFileSync(newer, 'a newer patch');
      const devstack = new FerretDbServer(running.name, running.port, running.dir, newer);
      expect(devstack.outdated()).toBe(`it runs ${ferretDbBinary()}, not ${ferretDbBinary(newer)}`);
    } finally {
      await running.dispose();
    }
  });
});
