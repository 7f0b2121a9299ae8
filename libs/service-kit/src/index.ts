export { AppError, Errors, isAppError, type AppErrorOptions } from './errors/app-error';
export { errorEnvelope, toAppError } from './errors/error-envelope';
export { baseConfigSchema, loadConfig, ConfigError } from './config';
export { createService, rawBody, type Service, type ServiceOptions } from './service';
export {
  listen,
  closeServer,
  shutdownOn,
  exitOnUnhandled,
  runService,
  runClosers,
  type Closer,
  type ServiceContext,
  type Started,
} from './lifecycle';
export { parseInput, type InputPart } from './http/validation';
export {
  buildOpenApiDocument,
  compareRoutesWithDocument,
  openApiRouter,
  registerOperation,
  writeOpenApiFile,
  type Access,
  type OpenApiDocument,
  type OpenApiInfo,
  type OpenApiRegistrar,
  type OperationSpec,
} from './http/openapi';
export { listRoutes, methodNotAllowed, type ServedRoute } from './http/route-list';
export { evaluate, type HealthCheck, type HealthState } from './http/health';
export {
  currentContext,
  runWithContext,
  setContextIdentity,
  traceFrom,
  outgoingTraceparent,
  type RequestContext,
} from './observability/context';
export {
  inSpanUnder,
  linkTo,
  linkToActive,
  remoteParent,
  tracingActive,
  type RemoteSpanOptions,
} from './observability/spans';
export { createLogger, redact, type Logger } from './observability/logger';
export { createMetrics, type Metrics } from './observability/metrics';
export { dbMetrics, sqlLabels, type DbMetrics } from './observability/db-metrics';
export { instrumentMongo, type MonitoredMongoClient } from './mongo/mongo-metrics';
export { createRedis, redisCheck } from './redis';
export { createPgPool, withTransaction, pgCheck, type PgPoolOptions } from './postgres/pool';
export { translatePgError, uniqueViolation } from './postgres/pg-errors';
export { runMigrations } from './postgres/migrate';
export { Cache, CACHE_TTL_SECONDS, type CacheOptions } from './cache';
export {
  MemoryPendingInvalidations,
  type PendingInvalidation,
  type PendingInvalidationStore,
} from './cache/pending-invalidations';
export { PgPendingInvalidations, PG_PENDING_INVALIDATIONS_DDL } from './postgres/pg-pending-invalidations';
export { MongoPendingInvalidations } from './mongo/mongo-pending-invalidations';
