import { randomBytes } from 'node:crypto';
import mongoose, { type Connection, type mongo } from 'mongoose';

interface Doc {
  _id: string;
  tenant_id: string;
  status: string;
}

/**
 * FerretDB 1.24's SQLite backend narrowed a query by `_id` only when `_id` was the filter's only key,
 * and even then SQLite read the whole table: its `->'$._id'` is not the expression of the `_id` index
 * (`->"_id"`). So a conditional write such as `{_id, status}` read every document, under the write lock:
 * order-service slowed down with every order stored, and stalled under load (bench/soak). devstack's
 * patch pushes the `_id` equality down whatever else the filter holds, in the index's own words; the
 * rest of the filter is still applied by FerretDB's handler, as before. An `_id: {$in: [...]}` (order-service
 * reads an order's items so) read the whole collection too; the patch pushes it down as well.
 */
describe('FerretDB as devstack builds it: a filter with an _id equality or $in reads by the _id index', () => {
  const database = `t_ferretdb_pushdown_${randomBytes(4).toString('hex')}`;
  let conn: Connection;
  let col: mongo.Collection<Doc>;

  beforeAll(async () => {
    conn = await mongoose.createConnection(`${process.env.MONGO_URL}/${database}`).asPromise();
    col = conn.getClient().db(database).collection<Doc>('orders');
    await col.insertMany(
      Array.from({ length: 30 }, (_, i) => ({ _id: `o-${i}`, tenant_id: `t-${i % 3}`, status: 'pending' })),
    );
  });

  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  // FerretDB's explain: whether the filter reached SQLite, and SQLite's own plan for the query
  const explain = async (filter: object) => {
    const db = conn.getClient().db(database);
    const res = (await db.command({ explain: { find: 'orders', filter } })) as {
      filterPushdown?: boolean;
      queryPlanner?: { Plan?: string[] };
    };
    return { pushdown: res.filterPushdown, plan: (res.queryPlanner?.Plan ?? []).join('\n') };
  };

  it('pushes down {_id, other conditions}, as it did {_id} alone', async () => {
    expect((await explain({ _id: 'o-7' })).pushdown).toBe(true);
    expect((await explain({ _id: 'o-7', tenant_id: 't-1', status: 'pending' })).pushdown).toBe(true);
    // no _id equality: nothing to narrow by
    expect((await explain({ tenant_id: 't-1' })).pushdown).toBe(false);
  });

  it("finds the row with the collection's unique _id index, not by reading the table", async () => {
    const { plan } = await explain({ _id: 'o-7', status: 'pending' });
    expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_ /);
    expect(plan).not.toMatch(/SCAN/);
  });

  it('still applies the rest of the filter to the row it found', async () => {
    expect(await col.findOne({ _id: 'o-7', tenant_id: 't-1' })).toEqual({
      _id: 'o-7',
      tenant_id: 't-1',
      status: 'pending',
    });
    // another tenant's, or in another status: no match, whether read or written
    expect(await col.findOne({ _id: 'o-7', tenant_id: 't-2' })).toBeNull();
    expect(
      (await col.updateOne({ _id: 'o-7', status: 'paid' }, { $set: { status: 'x' } })).matchedCount,
    ).toBe(0);
    expect(await col.findOneAndUpdate({ _id: 'o-7', status: 'paid' }, { $set: { status: 'x' } })).toBeNull();
    expect((await col.deleteOne({ _id: 'o-7', tenant_id: 't-0' })).deletedCount).toBe(0);

    const after = await col.findOneAndUpdate(
      { _id: 'o-7', status: 'pending' },
      { $set: { status: 'paid' } },
      { returnDocument: 'after' },
    );
    expect(after?.status).toBe('paid');
    expect(await col.countDocuments({ status: 'paid' })).toBe(1);
  });

  it('reads the rows of an _id $in by the _id index, and applies the rest of the filter to them', async () => {
    const filter = { _id: { $in: ['o-1', 'o-4', 'o-5', 'missing'] }, tenant_id: 't-1' };
    const { pushdown, plan } = await explain(filter);
    expect(pushdown).toBe(true);
    expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_ /);
    expect(plan).not.toMatch(/SCAN/);
    const found = await col.find(filter).sort({ _id: 1 }).toArray();
    expect(found.map((d) => d._id)).toEqual(['o-1', 'o-4']);
  });

  it('answers any other _id operator as before (not narrowed, still right)', async () => {
    const filter = { _id: { $gte: 'o-27' }, tenant_id: 't-0' };
    expect((await explain(filter)).pushdown).toBe(false);
    // string order: 'o-3' > 'o-27'
    expect((await col.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([
      'o-27',
      'o-3',
      'o-6',
      'o-9',
    ]);
    // an $in holding what the index cannot be searched by (here a number) is not narrowed either
    const mixed = { _id: { $in: ['o-2', 5] } };
    expect((await explain(mixed)).pushdown).toBe(false);
    // a filter Doc's types refuse (its _id is a string), as a client without them may send it
    expect((await col.find(mixed as mongo.Filter<Doc>).toArray()).map((d) => d._id)).toEqual(['o-2']);
  });
});
