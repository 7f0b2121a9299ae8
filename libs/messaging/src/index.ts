export { Broker, type BrokerOptions } from './broker';
export { Publisher, type OutgoingMessage } from './publisher';
export { createEvent, topicOf } from './events';
export { EventConsumer, type ConsumerOptions, type EventHandlers } from './consumer/consumer';
export {
  BatchEventConsumer,
  type BatchConsumerOptions,
  type BatchContext,
  type BatchHandler,
  type ConsumedEvent,
} from './consumer/batch-consumer';
export { type RetryOptions } from './consumer/retry-policy';
export { type DeliveryOutcome } from './consumer/group-runner';
export { type EventHandler, type HandlerContext, type HandlerResult } from './inbox/inbox';
export { PG_INBOX_DDL, PgInbox } from './inbox/pg-inbox';
export { RedisInbox, type RedisCommand, type RedisInboxOptions } from './inbox/redis-inbox';
export {
  MongoInbox,
  type MongoCollectionLike,
  type MongoInboxOptions,
  type MongoWrite,
  type MongoWriteOptions,
} from './inbox/mongo-inbox';
export { LeaseInbox, type LeaseInboxOptions } from './inbox/lease-inbox';
export { type DeadLetterReason } from './consumer/dead-letter';
export { PG_OUTBOX_DDL, enqueueEvents } from './outbox/pg-outbox';
export { PgOutboxRelay, type RelayOptions } from './outbox/pg-outbox-relay';
export { type OutboxPublisher, isTransientPublishError } from './outbox/relay-support';
export { exportOutboxGauges, type OutboxStats } from './outbox/outbox-metrics';
export {
  withEvents,
  releaseParkedEvents,
  MONGO_OUTBOX_FIELD,
  type MongoOutboxEntry,
} from './outbox/mongo-outbox';
export { MongoOutboxRelay, MONGO_PARKED_FIELD, type MongoRelayOptions } from './outbox/mongo-outbox-relay';
export { MongoOutbox, MONGO_HINTS_COLLECTION, type MongoDatabase } from './outbox/mongo-outbox-hints';
export { appendEvents, outboxCommands, type OutboxCommand } from './outbox/redis-outbox';
export { releaseParkedKey } from './outbox/redis-parking';
export { RedisOutboxRelay, type RedisRelayOptions } from './outbox/redis-outbox-relay';
