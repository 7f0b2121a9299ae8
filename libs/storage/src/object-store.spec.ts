import { assertObjectKey } from './object-store';

describe('assertObjectKey', () => {
  it.each([
    'tenants/t1/catalog.json',
    'tenants/t1/training_data/2026-11-23/part-0001.parquet',
    'a..b/c.d',
    'x',
  ])('takes %j', (key) => expect(() => assertObjectKey(key)).not.toThrow());

  // a folder path on the local driver, a literal name in S3: refused by both so a key means one object
  it.each(['', '/etc/passwd', '../x', 'a/../../x', 'a/./b', 'a/..', 'nul\0byte'])('refuses %j', (key) =>
    expect(() => assertObjectKey(key)).toThrow(/invalid object key/),
  );
});
