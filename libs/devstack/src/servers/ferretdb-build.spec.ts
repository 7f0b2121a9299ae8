import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FERRETDB_PATCH, ferretDbBinary } from './ferretdb';

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
