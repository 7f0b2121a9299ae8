import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const baseUrl = () => process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** A database of its own for one test file, dropped afterwards: tests isolate by name, not by mocks. */
export async function createTestDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: `${baseUrl()}/${name}`,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
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
