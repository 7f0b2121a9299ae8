import { instrumentMongo, type HealthCheck, type Metrics } from '@platform/service-kit';
import mongoose, { type Connection } from 'mongoose';

/**
 * A mongoose connection (MongoDB wire protocol: FerretDB here, MongoDB in Docker and Kubernetes).
 * With `metrics`, the driver's command events feed `db_queries_total` and the other database metrics.
 */
export async function connectMongo(url: string, metrics?: Metrics): Promise<Connection> {
  const conn = mongoose.createConnection(url, {
    serverSelectionTimeoutMS: 2000,
    autoIndex: true,
    monitorCommands: metrics !== undefined,
  });
  if (metrics) instrumentMongo(conn.getClient(), metrics);
  return conn.asPromise();
}

export const mongoCheck = (conn: Connection): HealthCheck => ({
  name: 'database',
  critical: true,
  check: async () => {
    const res = await conn.db?.admin().ping();
    if (res?.ok !== 1) throw new Error('ping failed');
  },
});
