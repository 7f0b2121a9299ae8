import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { freePort } from '../ports';
import { FerretDbServer } from '../servers/ferretdb';
import { PostgresServer } from '../servers/postgres';
import { RedisServer } from '../servers/redis';
import { S3Server } from '../servers/s3';
import { type Server } from '../servers/server';
import { waitFor } from '../wait';

type Kind = 'postgres' | 'redis' | 'ferretdb' | 's3';
const make = {
  postgres: PostgresServer,
  redis: RedisServer,
  ferretdb: FerretDbServer,
  s3: S3Server,
} as const;

export type PrivateServer<K extends Kind> = InstanceType<(typeof make)[K]> & {
  /** Stops the server and deletes its data. */
  dispose(): Promise<void>;
  /** Starts it again on the same port and data (after stop()). */
  restart(): Promise<void>;
};

/**
 * A server of its own for a test that stops its datastore mid-test (health, outage behaviour), so
 * the shared stack that other tests use keeps running.
 */
export async function startPrivateServer<K extends Kind>(kind: K): Promise<PrivateServer<K>> {
  const name = `${kind}-private-${randomBytes(3).toString('hex')}`;
  const server = new make[kind](name, await freePort()) as Server;
  const boot = async () => {
    await server.install();
    await server.start();
    await waitFor(name, () => server.ready(), { timeoutMs: 60_000 });
  };
  await boot();
  return Object.assign(server, {
    restart: boot,
    dispose: async () => {
      await server.stop();
      rmSync(server.dir, { recursive: true, force: true });
    },
  }) as PrivateServer<K>;
}
