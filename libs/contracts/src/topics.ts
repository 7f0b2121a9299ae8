/** Kafka topics of the platform (docs/architecture.md). Poison messages go to `<topic>.dlq`. */
export const TOPICS = {
  userEvents: 'user.events',
  itemEvents: 'item.events',
  orderEvents: 'order.events',
  paymentEvents: 'payment.events',
  notifications: 'notifications',
  dataEvents: 'data.events',
  interactionsIngested: 'interactions.ingested',
  itemsIngested: 'items.ingested',
  eventflowEvents: 'eventflow.events',
  usageEvents: 'usage.events',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export const dlqTopic = (topic: string): string => `${topic}.dlq`;
