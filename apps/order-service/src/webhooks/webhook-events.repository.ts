import { type mongo } from 'mongoose';
import { isDuplicateKey } from '../db/mongo-call';

interface WebhookEventDoc {
  _id: string;
  source: string;
  order_id: string;
  type: string;
  state: 'received' | 'done';
  outcome?: string;
  received_at: Date;
  done_at?: Date;
}

/**
 * The webhook events received, one document per event id (`_id`: unique), recorded before they are
 * applied and marked done after. A crash between the two leaves it `received`: the supplier's retry
 * applies it again, which the orders side makes harmless (its own once-per-event record in the order's
 * write), so an event is never lost and never applied twice; only a `done` one is refused as a replay.
 */
export class WebhookEventsRepository {
  private readonly events: mongo.Collection<WebhookEventDoc>;

  constructor(db: mongo.Db) {
    this.events = db.collection<WebhookEventDoc>('webhook_events');
  }

  /** `new` the first time, `pending` when received but not done, `done` when processed already. */
  async record(source: string, e: { event_id: string; order_id: string; type: string }) {
    try {
      await this.events.insertOne({
        _id: `${source}:${e.event_id}`,
        source,
        order_id: e.order_id,
        type: e.type,
        state: 'received',
        received_at: new Date(),
      });
      return 'new' as const;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const seen = await this.events.findOne({ _id: `${source}:${e.event_id}` });
      return seen?.state === 'done' ? ('done' as const) : ('pending' as const);
    }
  }

  async done(source: string, eventId: string, outcome: string): Promise<void> {
    await this.events.updateOne(
      { _id: `${source}:${eventId}` },
      { $set: { state: 'done', outcome, done_at: new Date() } },
    );
  }
}
