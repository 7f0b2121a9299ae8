import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareRoutesWithDocument } from '@platform/service-kit';
import request from 'supertest';
import { buildNotificationWorkerOpenApi } from '../src/openapi/openapi';
import { startWorker, type Worker } from './harness';

/** The worker's document (its probes only) is served, committed and complete, like every service's. */
describe('OpenAPI', () => {
  let worker: Worker;
  beforeAll(async () => void (worker = await startWorker()));
  afterAll(() => worker.stop());

  it('serves /openapi.json equal to the committed contracts/openapi/notification-worker.json', async () => {
    const res = await request(worker.app).get('/openapi.json').expect(200);
    const committed = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../../contracts/openapi/notification-worker.json'), 'utf8'),
    );
    expect(res.body).toEqual(committed); // if this fails: npx nx run notification-worker:openapi, and commit
    expect(Object.keys(res.body.paths)).toEqual(['/health', '/ready', '/metrics', '/openapi.json']);
  });

  it('documents every route the worker serves, and routes every documented operation', () => {
    expect(compareRoutesWithDocument(worker.app, buildNotificationWorkerOpenApi())).toEqual({
      undocumented: [],
      unrouted: [],
    });
  });
});
