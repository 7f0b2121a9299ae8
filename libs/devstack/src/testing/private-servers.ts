import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { freePort } from '../ports';
import { FerretDbServer } from '../servers/ferretdb';
import { KafkaServer } from '../servers/kafka';
import { PostgresServer } from '../servers/postgres';
import { RedisServer } from '../servers/redis';
import { S3Server } from '../servers/s3';
import { type Server } from '../servers/server';
import { waitFor } from '../wait';

type Kind = 'postgres' | 'redis' | 'ferretdb' | 's3' | 'kafka';
const make = {
  postgres: PostgresServer,
  redis: RedisServer,
  ferretdb: FerretDbServer,
  s3: S3Server,
  kafka: KafkaServer,
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
  // Kafka listens twice (broker and controller): both ports free, not the broker's port + 1
  const server = (
    kind === 'kafka'
      ? new KafkaServer(name, await freePort(), await freePort())
      : new make[kind](name, await freePort())
  ) as Server;
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
