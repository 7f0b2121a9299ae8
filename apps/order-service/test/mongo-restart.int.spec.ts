import { eventually, startPrivateServer } from '@platform/devstack/testing';
import { type Socket } from 'node:net';
import { connectMongo, mongoCheck } from '../src/db/mongo';

/**
 * patches/mongodb+7.8.0.patch: the driver waited for 'drain' on a socket that was already gone (the
 * server had closed it, its 'close' event not yet handled), which never comes. When that command was
 * the monitor's hello, the server stayed Unknown for good: every operation, /ready's ping too, failed
 * server selection with "connection N to … closed" long after FerretDB was back (the fault suite's
 * "restart ferretdb" under load).
 */
describe("order-service's MongoDB connection when FerretDB closes it", () => {
  it('recovers after FerretDB restarts under a full pool of writes', async () => {
    const ferret = await startPrivateServer('ferretdb');
    const conn = await connectMongo(`${ferret.url()}/restart_test`);
    const things = conn.db!.collection<{ _id: string; n: number; pad: string }>('things');
    const pad = 'x'.repeat(2000);
    await things.insertMany(Array.from({ length: 200 }, (_, i) => ({ _id: `t${i}`, n: 0, pad })));
    let stop = false;
    let written = 0;
    // more writers than the pool's 100 connections, so the restart finds every connection busy
    const writer = async () => {
      while (!stop) {
        const id = `t${Math.floor(Math.random() * 200)}`;
        // a write and a read of a few documents: replies large enough to keep the event loop busy
        await things
          .updateOne({ _id: id }, { $inc: { n: 1 } })
          .then(() =>
            things
              .find({ n: { $gte: 0 } })
              .limit(20)
              .toArray(),
          )
          .then(
            () => void written++,
            () => new Promise((r) => setTimeout(r, 50)),
          );
      }
    };
    const writers = Array.from({ length: 200 }, writer);
    // /ready's ping, polled throughout as the fault suite and Kubernetes do
    let pingedAt = 0;
    const pinger = async () => {
      while (!stop) {
        await mongoCheck(conn)
          .check()
          .then(
            () => void (pingedAt = Date.now()),
            () => undefined,
          );
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    writers.push(pinger());
    try {
      await eventually(() => written > 200, { what: 'writes before the restart', timeoutMs: 30_000 });
      for (let round = 0; round < 5; round++) {
        await ferret.stop();
        await ferret.restart();
        const back = Date.now();
        await eventually(() => pingedAt > back, {
          what: 'a ping to succeed after the restart',
          timeoutMs: 20_000,
        });
        const before = written;
        await eventually(() => written > before + 100, {
          what: 'writes after the restart',
          timeoutMs: 20_000,
        });
      }
    } finally {
      stop = true;
      // not waiting for the writers: without the fix some never settle; closing fails what is left
      await conn.close(true);
      await Promise.allSettled(writers);
      await ferret.dispose();
    }
  }, 120_000);

  it('fails a command whose socket is gone instead of waiting for ever', async () => {
    const ferret = await startPrivateServer('ferretdb');
    const conn = await connectMongo(`${ferret.url()}/closed_socket_test`);
    try {
      await conn.db!.admin().ping();
      // the pooled connection's socket, as the server's close leaves it: destroyed, 'close' not yet handled
      const server = [...(conn.getClient() as unknown as Internals).topology.s.servers.values()][0];
      const socket = [...server.pool.connections][0].socket;
      socket.destroy();
      const settled = await Promise.race([
        conn
          .db!.admin()
          .ping()
          .then(
            () => 'answered',
            (err: Error) => err.message,
          ),
        new Promise((r) => setTimeout(() => r('still waiting after 5 s'), 5_000).unref()),
      ]);
      expect(settled).toMatch(/^connection \d+ to .* closed$/);
      await eventually(
        () =>
          mongoCheck(conn)
            .check()
            .then(
              () => true,
              () => false,
            ),
        {
          what: 'the next ping to succeed',
        },
      );
    } finally {
      await conn.close();
      await ferret.dispose();
    }
  });
});

/** The driver's internals this test reaches into (mongodb 7.8). */
interface Internals {
  topology: { s: { servers: Map<string, { pool: { connections: Iterable<{ socket: Socket }> } }> } };
}
