import { createServer, type Server } from 'node:net';
import { eventually, startPrivateServer, type PrivateServer } from '@platform/devstack/testing';
import { Client, Pool } from 'pg';
import { answerOf, expectUnavailable } from './untranslated-answer';

/**
 * A query that no repository translated (straight on the pool: ml-engine's repositories) while
 * PostgreSQL is away must answer 503 SERVICE_UNAVAILABLE, retriable, never a 500: each case makes the
 * real driver fail the way an outage or a restart does, and sends that error to the error handler.
 */
describe('a PostgreSQL outage reaching the error handler untranslated', () => {
  let pg: PrivateServer<'postgres'>;

  beforeAll(async () => {
    pg = await startPrivateServer('postgres');
  }, 120_000);
  afterAll(async () => {
    await pg?.dispose();
  });

  /** The driver's own words, which must not reach the client. */
  const internals = /ECONN|terminat|timeout|127\.0\.0\.1|postgres/i;

  it('every client busy past connectionTimeoutMillis: "timeout exceeded when trying to connect"', async () => {
    const pool = new Pool({ connectionString: pg.url('postgres'), max: 1, connectionTimeoutMillis: 200 });
    const held = await pool.connect();
    try {
      expectUnavailable(
        await answerOf(() => pool.query('SELECT 1')),
        /timeout exceeded when trying to connect/,
        internals,
      );
    } finally {
      held.release();
      await pool.end();
    }
  });

  it('a query running when the server stops (a restart): the connection ends under it', async () => {
    const pool = new Pool({ connectionString: pg.url('postgres') });
    pool.on('error', () => undefined);
    const watcher = new Client({ connectionString: pg.url('postgres') });
    await watcher.connect();
    try {
      const answer = answerOf(() => pool.query('SELECT pg_sleep(30)'));
      await eventually(async () => {
        const { rows } = await watcher.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)'",
        );
        return rows[0].n === 1;
      });
      await watcher.end();
      await pg.stop();
      // the server ends its sessions (57P01), or the socket closes first
      expectUnavailable(
        await answer,
        /terminating connection due to administrator command|Connection terminated/,
        internals,
      );
      // and while it is stopped: refused
      expectUnavailable(await answerOf(() => pool.query('SELECT 1')), /ECONNREFUSED/, internals);
    } finally {
      await pool.end();
      await pg.restart();
    }
  });

  it('a backend that dies mid-query (a crash): "Connection terminated unexpectedly"', async () => {
    const pool = new Pool({ connectionString: pg.url('postgres') });
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      client.on('error', () => undefined); // a checked-out client has no other listener
      const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
      const answer = answerOf(() => client.query('SELECT pg_sleep(30)'));
      await eventually(async () => {
        const { rows: running } = await pool.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)'",
        );
        return running[0].n === 1;
      });
      process.kill(rows[0].pid, 'SIGKILL');
      expectUnavailable(await answer, /Connection terminated unexpectedly/, internals);
      client.release(true);
    } finally {
      await pool.end();
    }
  });

  it('a server that accepts and never answers: "Connection terminated due to connection timeout"', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const pool = new Pool({ host: '127.0.0.1', port, user: 'x', connectionTimeoutMillis: 200 });
      expectUnavailable(
        await answerOf(() => pool.query('SELECT 1')),
        /Connection terminated due to connection timeout/,
        internals,
      );
      // a lone Client (an advisory lock's) says it its own way
      const client = new Client({ host: '127.0.0.1', port, user: 'x', connectionTimeoutMillis: 200 });
      expectUnavailable(await answerOf(() => client.connect()), /timeout expired/, internals);
      await pool.end();
    } finally {
      silent.close();
    }
  });
});
