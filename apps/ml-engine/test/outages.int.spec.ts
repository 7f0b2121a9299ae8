import { eventually, startPrivateServer } from '@platform/devstack/testing';
import request from 'supertest';
import { startMlEngine } from './harness';

/** ml-engine's repositories query the pool directly: an outage must still be a retriable 503, not 500. */
describe('ml-engine while its PostgreSQL is down', () => {
  it('answers 503 SERVICE_UNAVAILABLE in the error envelope (no driver text), and 200 once it is back', async () => {
    const pg = await startPrivateServer('postgres');
    const svc = await startMlEngine({ env: { DATABASE_URL: pg.url('postgres') } });
    try {
      const shop = await svc.accounts.newShop();
      const auth = { ...svc.serviceAuth('order-service'), 'x-tenant-id': shop.tenantId };
      const paths = ['/internal/ml/models', '/internal/ml/training/jobs', '/internal/ml/training/policy'];
      const get = (path: string) => request(svc.url).get(path).set(auth);
      for (const path of paths) await get(path).expect(200);

      await pg.stop();
      for (const path of paths) {
        const res = await get(path);
        expect([path, res.status, res.body.error?.code]).toEqual([path, 503, 'SERVICE_UNAVAILABLE']);
        expect(JSON.stringify(res.body)).not.toMatch(/ECONN|terminat|127\.0\.0\.1|postgres/i);
      }

      await pg.restart();
      await eventually(async () => (await get(paths[0])).status === 200, { what: 'models again' });
    } finally {
      await svc.stop();
      await pg.dispose();
    }
  });
});
