import { mkdirSync } from 'node:fs';
import Redis from 'ioredis';
import { aptInstall } from '../apt';
import { dataDir } from '../paths';
import { commandExists, spawnServer, stopServer } from '../process';
import { type Server } from './server';

/** Redis from Debian's redis-server, with the append-only file on (payment-service keeps money in it). */
export class RedisServer implements Server {
  constructor(
    readonly name = 'redis',
    readonly port = 6379,
    readonly dir = dataDir(name),
  ) {}

  async install(): Promise<void> {
    if (!commandExists('redis-server')) await aptInstall(['redis-server']);
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    spawnServer(this.name, 'redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      this.dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--daemonize',
      'no',
    ]);
  }

  async ready(): Promise<boolean> {
    const client = new Redis(this.url(), {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } finally {
      client.disconnect();
    }
  }

  async stop(): Promise<void> {
    await stopServer(this.name);
  }

  url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  env(): Record<string, string> {
    return { REDIS_URL: this.url() };
  }
}
