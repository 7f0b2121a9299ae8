import { type HealthCheck } from '@platform/service-kit';
import mongoose, { type Connection } from 'mongoose';

/** A mongoose connection (MongoDB wire protocol: FerretDB here, MongoDB in Docker and Kubernetes). */
export async function connectMongo(url: string): Promise<Connection> {
  const conn = mongoose.createConnection(url, { serverSelectionTimeoutMS: 2000, autoIndex: true });
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
