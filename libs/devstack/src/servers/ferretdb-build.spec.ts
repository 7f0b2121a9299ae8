import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FERRETDB_PATCH, FerretDbServer, ferretDbBinary, sqliteUrl } from './ferretdb';

describe('the FerretDB build cache', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ferretdb-patch-'));
  const patch = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('is keyed by FerretDB version and patch contents, so a changed patch builds a new binary', () => {
    const a = ferretDbBinary(patch('a.patch', 'one change'));
    expect(a).toMatch(/ferretdb-v1\.24\.2-[0-9a-f]{12}\/ferretdb$/);
    expect(ferretDbBinary(patch('b.patch', 'one change'))).toBe(a);
    expect(ferretDbBinary(patch('c.patch', 'another change'))).not.toBe(a);
  });

  it('never uses the unpatched build of earlier devstack versions (ferretdb-v1.24.2/ferretdb)', () => {
    expect(path.basename(path.dirname(ferretDbBinary(FERRETDB_PATCH)))).not.toBe('ferretdb-v1.24.2');
  });
});

describe("FerretDB's debug address", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("is the shared one's variable for the shared FerretDB and the other for a private one", () => {
    process.env.DEVSTACK_FERRETDB_DEBUG_ADDR = '127.0.0.1:8088';
    process.env.DEVSTACK_PRIVATE_FERRETDB_DEBUG_ADDR = '127.0.0.1:8089';
    expect(new FerretDbServer('ferretdb', 27017).debugAddr()).toBe('127.0.0.1:8088');
    expect(new FerretDbServer('ferretdb-private-a1b2c3', 40123).debugAddr()).toBe('127.0.0.1:8089');
  });

  it('is none for a private FerretDB when only the shared one asks for it', () => {
    process.env.DEVSTACK_FERRETDB_DEBUG_ADDR = '127.0.0.1:8088';
    delete process.env.DEVSTACK_PRIVATE_FERRETDB_DEBUG_ADDR;
    expect(new FerretDbServer('ferretdb-private-a1b2c3', 40123).debugAddr()).toBeUndefined();
  });
});

describe("FerretDB's SQLite", () => {
  it('is a folder of the server with commits synced at checkpoints (synchronous NORMAL, WAL)', () => {
    expect(sqliteUrl('/data/ferretdb')).toBe('file:/data/ferretdb/sqlite/?_pragma=synchronous(NORMAL)');
  });
});
