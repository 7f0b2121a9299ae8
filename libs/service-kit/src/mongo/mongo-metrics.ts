import { Histogram, type Registry } from 'prom-client';
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

// one histogram per registry: several clients of one service share it
const operationHistograms = new WeakMap<Registry, Histogram<'service' | 'operation' | 'collection'>>();

/** Seed 001's `mongo_operations_duration_seconds{operation, collection}`. */
function mongoOperations(metrics: Metrics) {
  const existing = operationHistograms.get(metrics.registry);
  if (existing) return existing;
  const created = new Histogram({
    name: 'mongo_operations_duration_seconds',
    help: 'MongoDB operation duration (seed 001)',
    labelNames: ['service', 'operation', 'collection'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metrics.registry],
  });
  operationHistograms.set(metrics.registry, created);
  return created;
}

/**
 * Feeds `db_queries_total{query_type: find|update|…, table: collection}`, the query durations and
 * `database_connections_active` from the driver's command and connection-pool events, so every
 * query of the service is measured (and seed 001's `mongo_operations_duration_seconds`) whichever model or helper issued it. For mongoose:
 * `createConnection(url, { monitorCommands: true })`, then `instrumentMongo(conn.getClient(), metrics)`.
 */
export function instrumentMongo(client: MonitoredMongoClient, metrics: Metrics): void {
  const db = dbMetrics(metrics);
  const operations = mongoOperations(metrics);
  const running = new Map<number, () => void>();
  let open = 0;
  db.countConnections(() => open);
  client.on('connectionCreated', () => void open++);
  client.on('connectionClosed', () => void (open = Math.max(0, open - 1)));
  client.on('commandStarted', ({ requestId, commandName = 'unknown', command = {} }) => {
    const queryType = commandName.toLowerCase();
    if (requestId === undefined || NOT_QUERIES.has(queryType)) return;
    const target = command[commandName] ?? command.collection;
    const collection = typeof target === 'string' ? target : 'none';
    const stopDb = db.observe(queryType, collection);
    const stopOp = operations.startTimer({ service: metrics.service, operation: queryType, collection });
    running.set(requestId, () => {
      stopDb();
      stopOp();
    });
  });
  const finish = ({ requestId }: MongoEvent) => {
    if (requestId === undefined) return;
    running.get(requestId)?.();
    running.delete(requestId);
  };
  client.on('commandSucceeded', finish);
  client.on('commandFailed', finish);
}
