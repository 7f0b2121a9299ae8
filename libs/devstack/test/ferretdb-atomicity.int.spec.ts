import { randomBytes } from 'node:crypto';
import mongoose, { Schema, type Connection } from 'mongoose';

/**
 * FerretDB 1.24 applies a conditional update by reading the document, changing it in Go and writing it
 * back by _id without checking the filter again. devstack builds it with ferretdb/serialize-writes.patch,
 * which makes these races come out as on MongoDB (single-document atomicity); without the patch both
 * tests fail (README.md, "FerretDB").
 */
describe('FerretDB as devstack builds it: conditional single-document writes are atomic', () => {
  const database = `t_ferretdb_atomicity_${randomBytes(4).toString('hex')}`;
  let conn: Connection;

  beforeAll(async () => {
    // a pool as large as the race, so the racers really reach FerretDB at the same time
    conn = await mongoose
      .createConnection(`${process.env.MONGO_URL}/${database}`, { maxPoolSize: 200 })
      .asPromise();
  });

  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  it('200 racers take one unit each from a stock of 100: exactly 100 succeed and the stock ends at 0', async () => {
    const Item = conn.model('Item', new Schema({ _id: String, stock: Number }, { versionKey: false }));
    await Item.create({ _id: 'sku-1', stock: 100 });

    const taken = await Promise.all(
      Array.from({ length: 200 }, () =>
        Item.findOneAndUpdate({ _id: 'sku-1', stock: { $gte: 1 } }, { $inc: { stock: -1 } }).lean(),
      ),
    );

    expect(taken.filter((doc) => doc !== null)).toHaveLength(100);
    expect((await Item.findById('sku-1').lean())?.stock).toBe(0);
  });

  it('50 racers on one version check: exactly one succeeds', async () => {
    const Order = conn.model(
      'Order',
      new Schema({ _id: String, status: String, version: Number, winner: Number }, { versionKey: false }),
    );
    await Order.create({ _id: 'order-1', status: 'PENDING', version: 1 });

    const won = await Promise.all(
      Array.from({ length: 50 }, (_, racer) =>
        Order.findOneAndUpdate(
          { _id: 'order-1', version: 1 },
          { $set: { status: 'CONFIRMED', winner: racer }, $inc: { version: 1 } },
          { returnDocument: 'after' },
        ).lean(),
      ),
    );

    const winners = won.filter((doc) => doc !== null);
    expect(winners).toHaveLength(1);
    expect(await Order.findById('order-1').lean()).toEqual({
      _id: 'order-1',
      status: 'CONFIRMED',
      version: 2,
      winner: winners[0]?.winner,
    });
  });

  // the same guarantee through the `update` command (updateOne), not only findAndModify
  it('200 conditional updateOne racers on a stock of 100 modify it exactly 100 times', async () => {
    const Seat = conn.model('Seat', new Schema({ _id: String, free: Number }, { versionKey: false }));
    await Seat.create({ _id: 'flight-1', free: 100 });

    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        Seat.updateOne({ _id: 'flight-1', free: { $gte: 1 } }, { $inc: { free: -1 } }),
      ),
    );

    expect(results.reduce((n, r) => n + r.modifiedCount, 0)).toBe(100);
    expect((await Seat.findById('flight-1').lean())?.free).toBe(0);
  });
});
