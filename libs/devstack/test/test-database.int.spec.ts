import { Pool } from 'pg';
import { createTestDatabase } from '../src/testing';

describe('createTestDatabase', () => {
  it('drops a database right after its pool ended without failing the test file', async () => {
    // pool.end() resolves while its sockets are still closing; a drop that terminated those sessions
    // made some of the pools emit an 'error' no one listened for (one run in six, measured), which
    // fails the whole test file. A few rounds make that show.
    for (let round = 0; round < 20; round++) {
      const db = await createTestDatabase('drop');
      const pool = new Pool({ connectionString: db.url });
      await Promise.all(Array.from({ length: 8 }, () => pool.query('SELECT 1')));
      await pool.end();
      await db.drop();
      const admin = new Pool({ connectionString: db.url.replace(/\/[^/]+$/, '/postgres'), max: 1 });
      const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        db.url.split('/').pop(),
      ]);
      await admin.end();
      expect(left.rowCount).toBe(0);
    }
  });
});
