import { sqlLabels } from './db-metrics';

describe('sqlLabels', () => {
  it.each([
    ['SELECT * FROM users WHERE id = $1', 'select', 'users'],
    [
      '  -- why\n/* how */ insert INTO outbox (id) VALUES ($1) ON CONFLICT DO UPDATE SET x = 1',
      'insert',
      'outbox',
    ],
    ['UPDATE users SET updated_at = now() WHERE id = $1', 'update', 'users'],
    ['DELETE FROM "public"."refresh_tokens" WHERE family = $1', 'delete', 'public.refresh_tokens'],
    ['SELECT u.id FROM users u JOIN tenants t ON t.id = u.tenant_id', 'select', 'users'],
    ['WITH doomed AS (SELECT id FROM outbox LIMIT 10) DELETE FROM outbox', 'with', 'outbox'],
    ['BEGIN', 'begin', 'none'],
    ['SELECT 1', 'select', 'none'],
    ['SELECT pg_try_advisory_lock($1)', 'select', 'none'],
  ])('%s', (sql, queryType, table) => {
    expect(sqlLabels(sql)).toEqual({ queryType, table });
  });
});
