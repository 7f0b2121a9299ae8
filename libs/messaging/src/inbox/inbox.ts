import { type EventEnvelope } from '@platform/contracts';

/** Where the message being handled came from; inboxes key their records on `group`. */
export interface HandlerContext {
  group: string;
  topic: string;
  partition: number;
  offset: string;
}

/** `'duplicate'`: an inbox found the event already handled by this group and changed nothing. */
export type HandlerResult = void | 'duplicate';

/** What `EventConsumer` calls for each event; the `handle()` of every inbox returns one. */
export type EventHandler<E> = (event: E, ctx: HandlerContext) => Promise<HandlerResult>;

/** Just enough of an event for an inbox: its idempotency key. */
export type InboxEvent = Pick<EventEnvelope, 'event_id'>;
