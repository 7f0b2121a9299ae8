import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@platform/devstack/testing';
import { Pool } from 'pg';
import { isAppError } from '../src/errors/app-error';
import { translatePgError } from '../src/postgres/pg-errors';
import { answerOf } from './untranslated-answer';

/** Constraint violations are the request's fault or a lost race, never a 500 (fuzzing found one). */
describe('PostgreSQL constraint violations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  const parent = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase('pg_constraints');
    pool = new Pool({ connectionString: db.url });
    await pool.query(`
      CREATE TABLE parents (id uuid PRIMARY KEY);
      CREATE TABLE children (
        id uuid PRIMARY KEY,
        parent_id uuid NOT NULL REFERENCES parents (id),
        name text NOT NULL UNIQUE,
        age int CHECK (age >= 0)
      );`);
    await pool.query('INSERT INTO parents (id) VALUES ($1)', [parent]);
    await pool.query('INSERT INTO children (id, parent_id, name) VALUES ($1, $2, $3)', [
      randomUUID(),
      parent,
      'taken',
    ]);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const insert = (over: { parent?: string; name?: string; age?: number | null }) =>
    pool.query('INSERT INTO children (id, parent_id, name, age) VALUES ($1, $2, $3, $4)', [
      randomUUID(),
      over.parent ?? parent,
      over.name ?? randomUUID(),
      over.age ?? null,
    ]);

  const cases = [
    ['a missing foreign row (23503)', { parent: randomUUID() }, 409, 'CONFLICT', 'children_parent_id_fkey'],
    ['a taken unique value (23505)', { name: 'taken' }, 409, 'CONFLICT', 'children_name_key'],
    ['a failed CHECK (23514)', { age: -1 }, 400, 'VALIDATION_ERROR', 'children_age_check'],
  ] as const;

  it.each(cases)('translatePgError maps %s to a 4xx', async (_what, over, status, code, constraint) => {
    const err = await insert(over).then(
      () => undefined,
      (e: unknown) => translatePgError(e),
    );
    expect(isAppError(err) && { status: err.status, code: err.code, details: err.details }).toEqual({
      status,
      code,
      details: { constraint },
    });
  });

  it('maps a value PostgreSQL cannot store (a NUL character, 22021; fuzzing sent one) to 400', async () => {
    const err = await insert({ name: 'a\u0000b' }).then(
      () => undefined,
      (e: unknown) => translatePgError(e),
    );
    expect(isAppError(err) && [err.status, err.code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('maps a serialization failure (40001) to a retriable 503: running it again can succeed', async () => {
    const id = randomUUID();
    await pool.query('INSERT INTO children (id, parent_id, name) VALUES ($1, $2, $3)', [id, parent, id]);
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await tx.query('SELECT age FROM children WHERE id = $1', [id]); // the snapshot is taken here
      await pool.query('UPDATE children SET age = 1 WHERE id = $1', [id]); // another transaction commits
      const err = await tx.query('UPDATE children SET age = 2 WHERE id = $1', [id]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((err as { code?: string }).code).toBe('40001');
      const translated = translatePgError(err);
      expect(isAppError(translated) && [translated.status, translated.retriable]).toEqual([503, true]);
    } finally {
      await tx.query('ROLLBACK');
      tx.release();
    }
  });

  it.each(cases)(
    'a raw %s that reaches the error handler is a 4xx, not 500',
    async (_what, over, status, code) => {
      // not translated on purpose: the handler must still not answer 500
      const answer = await answerOf(() => insert(over));
      expect([answer.status, answer.error.code]).toEqual([status, code]);
      expect(answer.error.message).not.toMatch(/violates (foreign|unique|check)|Key \(/); // the driver's text stays inside
    },
  );
});
