import { type Role, type UserResponse } from '@platform/contracts';
import { translatePgError, uniqueViolation } from '@platform/service-kit';
import { query, type Db } from '../db/sql';
import { UserErrors } from '../errors';

export interface NewUser {
  id: string;
  tenantId: string;
  role: Role;
  email: string;
  username: string;
  passwordHash: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  createdAt: Date;
}

export interface UserChanges {
  first_name?: string | null;
  last_name?: string | null;
  phone?: string | null;
  role?: Role;
  profile?: Partial<UserResponse['profile']>;
}

interface UserRow {
  id: string;
  tenant_id: string;
  role: Role;
  email: string;
  username: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  is_active: boolean;
  is_verified: boolean;
  profile: Partial<UserResponse['profile']>;
  created_at: Date;
}

const COLUMNS =
  'id, tenant_id, role, email, username, first_name, last_name, phone, is_active, is_verified, profile, created_at';

const toUser = (r: UserRow): UserResponse => ({
  id: r.id,
  email: r.email,
  username: r.username,
  first_name: r.first_name,
  last_name: r.last_name,
  phone: r.phone,
  is_active: r.is_active,
  is_verified: r.is_verified,
  created_at: r.created_at.toISOString(),
  tenant_id: r.tenant_id,
  role: r.role,
  profile: { bio: r.profile.bio ?? null, country: r.profile.country ?? null, city: r.profile.city ?? null },
});

/** The only code of user-service that speaks SQL about users. Returns plain DTOs. */
export class UsersRepository {
  constructor(private readonly db: Db) {}

  /** A taken e-mail (any letter case) is USER_001, a taken username USER_002. */
  async insert(u: NewUser): Promise<UserResponse> {
    try {
      const [row] = await this.db
        .query<UserRow>(
          `INSERT INTO users (id, tenant_id, role, email, username, password_hash, first_name, last_name, phone, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING ${COLUMNS}`,
          [
            u.id,
            u.tenantId,
            u.role,
            u.email,
            u.username,
            u.passwordHash,
            u.firstName ?? null,
            u.lastName ?? null,
            u.phone ?? null,
            u.createdAt,
          ],
        )
        .then((r) => r.rows);
      return toUser(row);
    } catch (err) {
      const constraint = uniqueViolation(err);
      if (constraint === 'users_email_key') throw UserErrors.emailTaken();
      if (constraint === 'users_username_key') throw UserErrors.usernameTaken();
      throw translatePgError(err);
    }
  }

  async findById(id: string): Promise<UserResponse | undefined> {
    const [row] = await query<UserRow>(this.db, `SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return row && toUser(row);
  }

  /** A tenant's users, newest first (optionally of one role), and how many there are in all. */
  async listByTenant(
    tenantId: string,
    page: { limit: number; offset: number; role?: Role },
  ): Promise<{ users: UserResponse[]; total: number }> {
    const where = 'tenant_id = $1 AND ($2::text IS NULL OR role = $2)';
    const [rows, [count]] = await Promise.all([
      query<UserRow>(
        this.db,
        `SELECT ${COLUMNS} FROM users WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
        [tenantId, page.role ?? null, page.limit, page.offset],
      ),
      query<{ total: number }>(this.db, `SELECT count(*)::int AS total FROM users WHERE ${where}`, [
        tenantId,
        page.role ?? null,
      ]),
    ]);
    return { users: rows.map(toUser), total: count.total };
  }

  /** For login only: the user with the hash to compare against. */
  async findCredentials(email: string): Promise<{ user: UserResponse; passwordHash: string } | undefined> {
    const [row] = await query<UserRow & { password_hash: string }>(
      this.db,
      `SELECT ${COLUMNS}, password_hash FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    return row && { user: toUser(row), passwordHash: row.password_hash };
  }

  async update(id: string, changes: UserChanges): Promise<UserResponse | undefined> {
    const [row] = await query<UserRow>(
      this.db,
      `UPDATE users SET
         first_name = CASE WHEN $2 THEN $3 ELSE first_name END,
         last_name  = CASE WHEN $4 THEN $5 ELSE last_name END,
         phone      = CASE WHEN $6 THEN $7 ELSE phone END,
         role       = COALESCE($8, role),
         profile    = profile || $9::jsonb,
         updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        'first_name' in changes,
        changes.first_name ?? null,
        'last_name' in changes,
        changes.last_name ?? null,
        'phone' in changes,
        changes.phone ?? null,
        changes.role ?? null,
        JSON.stringify(changes.profile ?? {}),
      ],
    );
    return row && toUser(row);
  }

  async markVerified(id: string): Promise<UserResponse | undefined> {
    const [row] = await query<UserRow>(
      this.db,
      `UPDATE users SET is_verified = true, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return row && toUser(row);
  }

  async delete(id: string): Promise<boolean> {
    return (await query(this.db, 'DELETE FROM users WHERE id = $1 RETURNING id', [id])).length === 1;
  }
}
