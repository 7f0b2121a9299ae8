import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { type Metrics } from './metrics';

type Labels = 'service' | 'query_type' | 'table';

/**
 * The database metrics every service exports (seed 002 §7: `db_queries_total`,
 * `db_query_duration_seconds`; seed 001: `database_queries_duration_seconds`,
 * `database_connections_active`), fed by the PostgreSQL, MongoDB and Redis helpers of service-kit so
 * that no service has to remember them.
 */
export interface DbMetrics {
  /** Times one query or command; call the returned function when it has finished (either way). */
  observe(queryType: string, table: string): () => void;
  /** Adds a source of open connections (a pool, a client) to `database_connections_active`. */
  countConnections(open: () => number): void;
}

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

// one set per registry: a service with PostgreSQL and Redis registers the names once
const byRegistry = new WeakMap<Registry, DbMetrics>();

export function dbMetrics(metrics: Metrics): DbMetrics {
  const existing = byRegistry.get(metrics.registry);
  if (existing) return existing;
  const registers = [metrics.registry];
  const labelNames: Labels[] = ['service', 'query_type', 'table'];
  const queries = new Counter({ name: 'db_queries_total', help: 'Database queries', labelNames, registers });
  const duration = new Histogram({
    name: 'db_query_duration_seconds',
    help: 'Database query latency',
    labelNames,
    buckets: BUCKETS,
    registers,
  });
  const seed001Duration = new Histogram({
    name: 'database_queries_duration_seconds',
    help: 'Database query duration (seed 001 name)',
    labelNames,
    buckets: BUCKETS,
    registers,
  });
  const sources: (() => number)[] = [];
  new Gauge({
    name: 'database_connections_active',
    help: 'Open connections to the service’s databases',
    labelNames: ['service'],
    registers,
    collect() {
      this.set(
        { service: metrics.service },
        sources.reduce((sum, open) => sum + open(), 0),
      );
    },
  });
  const created: DbMetrics = {
    observe(queryType, table) {
      const labels = { service: metrics.service, query_type: queryType, table };
      const stopA = duration.startTimer(labels);
      const stopB = seed001Duration.startTimer(labels);
      return () => {
        queries.inc(labels);
        stopA();
        stopB();
      };
    },
    countConnections(open) {
      sources.push(open);
    },
  };
  byRegistry.set(metrics.registry, created);
  return created;
}

const LEADING_COMMENTS = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;
const TABLE_AFTER =
  /\b(?:from|into|update|join)\s+((?:"[^"]+"|[a-z_][\w$]*)(?:\.(?:"[^"]+"|[a-z_][\w$]*))?)/i;

/**
 * `query_type` and `table` of a SQL statement, cheaply: the first keyword, and the first name after
 * FROM, INTO, UPDATE or JOIN ('none' when there is none, e.g. BEGIN or SELECT 1). Label values stay
 * few because they come from the service's own SQL text, never from parameters.
 */
export function sqlLabels(sql: string): { queryType: string; table: string } {
  const body = sql.replace(LEADING_COMMENTS, '');
  const queryType = /^[a-z]+/i.exec(body)?.[0].toLowerCase() ?? 'unknown';
  const table = TABLE_AFTER.exec(body)?.[1].replace(/"/g, '').toLowerCase() ?? 'none';
  return { queryType, table };
}
