import { eventually, startPrivateServer } from '@platform/devstack/testing';
import request from 'supertest';
import { bearer, startDataPipeline } from './harness';

/** An outage of its PostgreSQL is a retriable 503 in the error envelope on every route that needs it. */
describe('data-pipeline while its PostgreSQL is down', () => {
  it('answers 503 SERVICE_UNAVAILABLE in the error envelope (no driver text), and 200 once it is back', async () => {
    const pg = await startPrivateServer('postgres');
    const svc = await startDataPipeline({ env: { DATABASE_URL: pg.url('postgres') } });
    try {
      const shop = await svc.accounts.newShop();
      const paths = [
        '/api/v1/usage?start_date=2026-11-01&end_date=2026-11-02',
        '/api/v1/producers',
        '/api/v1/events',
      ];
      const get = (path: string) => request(svc.url).get(path).set(bearer(shop.token));
      for (const path of paths) await get(path).expect(200);

      await pg.stop();
      for (const path of paths) {
        const res = await get(path);
        expect([path, res.status, res.body.error?.code]).toEqual([path, 503, 'SERVICE_UNAVAILABLE']);
        expect(JSON.stringify(res.body)).not.toMatch(/ECONN|terminat|127\.0\.0\.1|postgres/i);
      }

      await pg.restart();
      await eventually(async () => (await get(paths[1])).status === 200, { what: 'producers again' });
    } finally {
      await svc.stop();
      await pg.dispose();
    }
  });
});
