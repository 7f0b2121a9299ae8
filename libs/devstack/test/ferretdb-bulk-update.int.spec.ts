import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';

/**
 * FerretDB 1.24 kept each statement of an `update` command holding its SQLite connection until the whole
 * command ended. A bulk of 100 `updateOne` of existing documents took the pool's 100 connections, the
 * 100th write waited for one forever, and it waited holding the database's write lock: every later write
 * to that database hung too (the outbox relay's sweep sends up to 500). devstack's patch closes each
 * statement's query when the statement is done (README.md, "FerretDB").
 */
describe('FerretDB as devstack builds it: a bulk of updates larger than its connection pool', () => {
  const database = `t_ferretdb_bulk_${randomBytes(4).toString('hex')}`;
  let conn: Connection;

  beforeAll(async () => {
    conn = await mongoose.createConnection(`${process.env.MONGO_URL}/${database}`).asPromise();
  });

  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  it('updates 250 existing documents in one unordered bulk, and the next write goes through', async () => {
    const docs = conn.db!.collection<{ _id: string; n: number }>('docs');
    await docs.insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: `d${i}`, n: 0 })));

    const bulk = await docs.bulkWrite(
      Array.from({ length: 250 }, (_, i) => ({
        updateOne: { filter: { _id: `d${i}` }, update: { $inc: { n: 1 } } },
      })),
      { ordered: false },
    );

    expect(bulk.modifiedCount).toBe(250);
    await conn.db!.collection('after').insertOne({ _id: 'next' } as never);
    expect(await docs.countDocuments({ n: 1 })).toBe(250);
  });
});
