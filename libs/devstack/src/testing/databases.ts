import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from './eventually';

const baseUrl = () => process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** A database of its own for one test file, dropped afterwards: tests isolate by name, not by mocks. */
export async function createTestDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: `${baseUrl()}/${name}`,
    drop: () =>
      admin(async (c) => {
        // pool.end() resolves before its connections have closed: a session still closing that FORCE
        // terminated would answer its client with an error nobody listens for any more (a crash of the
        // test file). So wait for them to go; FORCE then ends only connections a test left open.
        const open = async () =>
          (await c.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1', [name])).rowCount ?? 0;
        await eventually(async () => (await open()) === 0, { timeoutMs: 3000 }).catch(() => undefined);
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${baseUrl()}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A topic prefix of its own for one test file (KAFKA_TOPIC_PREFIX), so consumers see only its events. */
export const uniqueTopicPrefix = (): string => `t${randomBytes(4).toString('hex')}.`;
