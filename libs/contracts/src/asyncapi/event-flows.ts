import { TOPICS, type Topic } from '../topics';

/**
 * Who sends on each topic and which consumer groups read it (ARCHITECTURE §1-2, the README's events
 * table). Data for contracts/asyncapi.yaml: the schemas say what a message is, this says who talks.
 */
export const TOPIC_FLOWS: Record<Topic, { senders: string[]; receivers: Record<string, string> }> = {
  [TOPICS.userEvents]: {
    senders: ['user-service'],
    receivers: {
      'notification-worker': 'welcome mail, its projection of recipients',
      'order-service.carts': "UserLoggedIn with a session_id: the guest's cart and wishlist move",
      'data-pipeline': 'ApiKeyRevoked drops cached key verdicts; TenantCreated keeps the plan',
    },
  },
  [TOPICS.itemEvents]: {
    senders: ['order-service'],
    receivers: {
      'data-pipeline.training-data': "the shop's items as Parquet",
      'ml-engine.items.{INSTANCE_ID}': 'embeds and indexes the item (a group per replica)',
    },
  },
  [TOPICS.orderEvents]: {
    senders: ['order-service'],
    receivers: {
      'payment-service.orders': 'refunds a paid order on OrderCancelled / OrderExpired',
      'notification-worker': 'receipts, keys, cancellations, expiries',
      'data-pipeline.training-data': 'each line of OrderConfirmed as a purchase',
    },
  },
  [TOPICS.paymentEvents]: {
    senders: ['payment-service'],
    receivers: {
      'order-service.orders': 'confirms or fails the order',
      'notification-worker': 'a failed payment or a refund',
    },
  },
  [TOPICS.notifications]: {
    senders: ['user-service'],
    receivers: { 'notification-worker': 'the verification mail' },
  },
  [TOPICS.dataEvents]: {
    senders: ['data-pipeline'],
    receivers: { 'ml-engine.training': "queues a retraining when the tenant's policy says so" },
  },
  [TOPICS.interactionsIngested]: {
    senders: ['data-pipeline'],
    receivers: {
      'data-pipeline.training-data': 'the Parquet writer',
      'ml-engine.recent-interactions': 'recent interactions and popularity',
    },
  },
  [TOPICS.itemsIngested]: {
    senders: ['data-pipeline'],
    receivers: {
      'data-pipeline.training-data': 'the Parquet writer',
      'ml-engine.items.{INSTANCE_ID}': 'its catalog',
    },
  },
  [TOPICS.eventflowEvents]: {
    senders: ['data-pipeline'],
    receivers: { 'data-pipeline.eventflow-store': 'stores it for queries and consumers' },
  },
  [TOPICS.usageEvents]: {
    senders: ['data-pipeline', 'ml-engine'],
    receivers: { 'data-pipeline.usage': 'sums them into GET /api/v1/usage' },
  },
};
