import { type EventEnvelope, type EventType, EVENTS } from '@platform/contracts';
import { enqueueEvents } from '@platform/messaging';
import { query, type Db } from './sql';

/** Events a user's history shows (GET /api/users/{id}/events). */
const HISTORY: ReadonlySet<string> = new Set<EventType>([
  'UserCreated',
  'UserActivated',
  'UserUpdated',
  'UserLoggedIn',
]);

export interface HistoryEntry {
  id: string;
  event_type: string;
  data: Record<string, unknown>;
  created_at: string;
}

/** Writes events to the outbox (and users' history) in the caller's transaction. */
export class EventsRepository {
  constructor(private readonly db: Db) {}

  async save(events: EventEnvelope[]): Promise<void> {
    for (const event of events) {
      await enqueueEvents(this.db, EVENTS[event.event_type as EventType].topic, [event]);
      if (HISTORY.has(event.event_type)) {
        await query(
          this.db,
          'INSERT INTO user_event_log (id, user_id, event_type, data, created_at) VALUES ($1, $2, $3, $4, $5)',
          [
            event.event_id,
            event.aggregate_id,
            event.event_type,
            JSON.stringify(event.data),
            event.occurred_at,
          ],
        );
      }
    }
  }

  async history(
    userId: string,
    limit: number,
    offset: number,
  ): Promise<{ entries: HistoryEntry[]; total: number }> {
    const rows = await query<{
      id: string;
      event_type: string;
      data: Record<string, unknown>;
      created_at: Date;
      total: string;
    }>(
      this.db,
      `SELECT id, event_type, data, created_at, count(*) OVER () AS total FROM user_event_log
       WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [userId, limit, offset],
    );
    const total = rows.length ? Number(rows[0].total) : await this.count(userId);
    return {
      entries: rows.map((r) => ({
        id: r.id,
        event_type: r.event_type,
        data: r.data,
        created_at: r.created_at.toISOString(),
      })),
      total,
    };
  }

  private async count(userId: string): Promise<number> {
    const [row] = await query<{ n: number }>(
      this.db,
      'SELECT count(*)::int AS n FROM user_event_log WHERE user_id = $1',
      [userId],
    );
    return row.n;
  }
}
