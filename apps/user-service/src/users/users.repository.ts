import { TOPICS, type EventEnvelope, type UserResponse } from '@platform/contracts';
import { enqueueEvents } from '@platform/messaging';
import { uniqueViolation, withTransaction } from '@platform/service-kit';
import { type Pool } from 'pg';
import { UserErrors } from '../errors';

export interface NewUser {
  id: string;
  email: string;
  username: string;
  passwordHash: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  createdAt: Date;
}

interface UserRow {
  id: string;
  email: string;
  username: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  is_active: boolean;
  is_verified: boolean;
  created_at: Date;
}

const toUser = (row: UserRow): UserResponse => ({
  id: row.id,
  email: row.email,
  username: row.username,
  first_name: row.first_name,
  last_name: row.last_name,
  phone: row.phone,
  is_active: row.is_active,
  is_verified: row.is_verified,
  created_at: row.created_at.toISOString(),
});

const COLUMNS = 'id, email, username, first_name, last_name, phone, is_active, is_verified, created_at';

/** The only code of user-service that speaks SQL about users. Returns plain DTOs. */
export class UsersRepository {
  constructor(private readonly pool: Pool) {}

  /** Inserts the user and its events in one transaction; a taken e-mail or username is a 409. */
  async create(user: NewUser, events: EventEnvelope[]): Promise<UserResponse> {
    return withTransaction(this.pool, async (tx) => {
      try {
        const { rows } = await tx.query<UserRow>(
          `INSERT INTO users (id, email, username, password_hash, first_name, last_name, phone, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${COLUMNS}`,
          [user.id, user.email, user.username, user.passwordHash, user.firstName ?? null, user.lastName ?? null,
            user.phone ?? null, user.createdAt],
        );
        await enqueueEvents(tx, TOPICS.userEvents, events);
        return toUser(rows[0]);
      } catch (err) {
        const constraint = uniqueViolation(err);
        if (constraint === 'users_email_key') throw UserErrors.emailTaken();
        if (constraint === 'users_username_key') throw UserErrors.usernameTaken();
        throw err;
      }
    });
  }
}
