import { dbMetrics } from '../observability/db-metrics';
import { type Metrics } from '../observability/metrics';

/** The MongoDB driver's monitoring events this needs (a `MongoClient` created with `monitorCommands: true`). */
export interface MonitoredMongoClient {
  on(event: string, listener: (event: MongoEvent) => void): unknown;
}

interface MongoEvent {
  requestId?: number;
  commandName?: string;
  command?: Record<string, unknown>;
}

// the handshake and authentication: not the service's queries
const NOT_QUERIES = new Set([
  'hello',
  'ismaster',
  'saslstart',
  'saslcontinue',
  'authenticate',
  'endsessions',
]);

/**
 * Feeds `db_queries_total{query_type: find|update|…, table: collection}`, the query durations and
 * `database_connections_active` from the driver's command and connection-pool events, so every
 * query of the service is measured whichever model or helper issued it. For mongoose:
 * `createConnection(url, { monitorCommands: true })`, then `instrumentMongo(conn.getClient(), metrics)`.
 */
export function instrumentMongo(client: MonitoredMongoClient, metrics: Metrics): void {
  const db = dbMetrics(metrics);
  const running = new Map<number, () => void>();
  let open = 0;
  db.countConnections(() => open);
  client.on('connectionCreated', () => void open++);
  client.on('connectionClosed', () => void (open = Math.max(0, open - 1)));
  client.on('commandStarted', ({ requestId, commandName = 'unknown', command = {} }) => {
    const queryType = commandName.toLowerCase();
    if (requestId === undefined || NOT_QUERIES.has(queryType)) return;
    const target = command[commandName] ?? command.collection;
    running.set(requestId, db.observe(queryType, typeof target === 'string' ? target : 'none'));
  });
  const finish = ({ requestId }: MongoEvent) => {
    if (requestId === undefined) return;
    running.get(requestId)?.();
    running.delete(requestId);
  };
  client.on('commandSucceeded', finish);
  client.on('commandFailed', finish);
}
