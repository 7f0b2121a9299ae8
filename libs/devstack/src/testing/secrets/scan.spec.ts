import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import mongoose from 'mongoose';
import { Client } from 'pg';
import { createTestDatabase } from '../databases';
import { startPrivateServer, type PrivateServer } from '../private-servers';
import { rememberSecret } from './registry';
import { expectNoSecrets, scanForSecrets, type SecretScan } from './scan';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEiLCJyb2xlIjoiYWRtaW4ifQ.bm90LWEtcmVhbC1zaWduYXR1cmU';
const API_KEY = `sk_test_${randomBytes(16).toString('hex')}`;
const PASSWORD = rememberSecret('password', `pw-${randomBytes(4).toString('hex')}-secret`);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const found = (scan: SecretScan) => scan.findings.map(({ source, where, kind }) => ({ source, where, kind }));

/** The scan over real stores: each one holding a secret is found; hashed and redacted forms are not. */
describe('scanForSecrets over logs and stores', () => {
  let dir: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let redis: PrivateServer<'redis'>;
  const mongoUrl = `${process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017'}/t_secrets_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'secret-scan-'));
    [db, redis] = await Promise.all([createTestDatabase('secret_scan'), startPrivateServer('redis')]);
  }, 60_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    const conn = await mongoose.createConnection(mongoUrl).asPromise();
    await conn.dropDatabase();
    await conn.close();
    await Promise.all([db?.drop(), redis?.dispose()]);
  });

  it('finds a JWT in a log line, with file and line, and never prints it', async () => {
    const log = path.join(dir, 'svc-x.log');
    const lines = [
      '{"level":30,"msg":"request","authorization":"[REDACTED]"}',
      `{"level":30,"msg":"request","headers":{"authorization":"Bearer ${JWT}"}}`,
    ];
    writeFileSync(log, `${lines.join('\n')}\n`);
    const scan = await scanForSecrets({ logs: [log] });
    expect(found(scan)).toEqual([{ source: 'log', where: 'svc-x.log:2', kind: 'jwt' }]);
    expect(scan.scanned.logLines).toBe(2);
    await expect(expectNoSecrets({ logs: [log] })).rejects.toThrow(/svc-x\.log:2: jwt/);
    await expect(expectNoSecrets({ logs: [log] })).rejects.not.toThrow(JWT);
  });

  it('finds a raw API key in a PostgreSQL row by table, column and id; its hash is no finding', async () => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query('CREATE TABLE api_keys (id text PRIMARY KEY, key_prefix text, key_hash text, meta jsonb)');
    await pg.query('INSERT INTO api_keys VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)', [
      'k1',
      API_KEY.slice(0, 14),
      sha256(API_KEY),
      { note: 'hashed' },
      'k2',
      API_KEY.slice(0, 14),
      sha256(API_KEY),
      { raw: API_KEY },
    ]);
    await pg.end();
    const scan = await scanForSecrets({ postgresUrls: [db.url] });
    const name = new URL(db.url).pathname.slice(1);
    expect(found(scan)).toEqual([
      { source: 'postgres', where: `${name}.api_keys.meta id=k2`, kind: 'api-key' },
    ]);
    expect(scan.scanned.rows).toBe(2);
  });

  it('finds a password in a Redis value by key (a known test value), whatever the key type', async () => {
    const client = new Redis(redis.url());
    await client.set('session:1', JSON.stringify({ user: 'u1', password: '[REDACTED]' }));
    await client.hset('signup:2', { email: 'a@b.c', note: `typed ${PASSWORD}` });
    await client.xadd('outbox', '*', 'payload', JSON.stringify({ password_hash: sha256(PASSWORD) }));
    client.disconnect();
    const scan = await scanForSecrets({ redisUrls: [redis.url()] });
    expect(found(scan)).toEqual([
      { source: 'redis', where: `redis ${new URL(redis.url()).port}/signup:2`, kind: 'password' },
    ]);
    expect(scan.scanned.keys).toBe(3);
  });

  it('finds a card number and a CVV in a document; a last-4 and a masked number are none', async () => {
    const conn = await mongoose.createConnection(mongoUrl).asPromise();
    await conn.db!.collection('payments').insertMany([
      { _id: 'p1' as never, card: { last4: '4242', masked: '**** **** **** 4242' } },
      { _id: 'p2' as never, paymentMethod: { cardNumber: '4000000000009995', cvv: '321' } },
    ]);
    await conn.close();
    const scan = await scanForSecrets({ mongoUrl });
    expect(found(scan).map((f) => [f.where.replace(/^\S+\./, ''), f.kind])).toEqual([
      ['payments _id=p2', 'card-number'],
      ['payments _id=p2', 'cvv'],
    ]);
    expect(scan.scanned.documents).toBe(2);
  });
});
