export { Broker, type BrokerOptions } from './broker';
export { Publisher, type OutgoingMessage } from './publisher';
export { createEvent, topicOf } from './events';
export { EventConsumer, type ConsumerOptions, type EventHandlers } from './consumer/consumer';
export { RedisIdempotencyStore, type IdempotencyStore } from './consumer/idempotency';
export { type DeadLetterReason } from './consumer/dead-letter';
export { PG_OUTBOX_DDL, enqueueEvents } from './outbox/pg-outbox';
export { PgOutboxRelay, type RelayOptions } from './outbox/pg-outbox-relay';
