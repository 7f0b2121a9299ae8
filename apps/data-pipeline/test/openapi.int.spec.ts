import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareRoutesWithDocument } from '@platform/service-kit';
import request from 'supertest';
import { buildDataPipelineOpenApi } from '../src/openapi/openapi';
import { startDataPipeline, type DataPipeline } from './harness';

describe('data-pipeline OpenAPI', () => {
  let svc: DataPipeline;
  beforeAll(async () => void (svc = await startDataPipeline({ startBackground: false })));
  afterAll(() => svc?.stop());

  it('serves /openapi.json built from the contract schemas, equal to the committed contracts/openapi/data-pipeline.json', async () => {
    const res = await request(svc.app).get('/openapi.json').expect(200);
    const committed = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../../contracts/openapi/data-pipeline.json'), 'utf8'),
    );
    expect(res.body).toEqual(committed); // if this fails: npx nx run data-pipeline:openapi, and commit
    const ingest = res.body.paths['/internal/data/interactions'].post;
    expect(ingest.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['tenant_id', 'interactions']),
    );
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/usage', '/api/v1/events', '/api/v1/consumers/{id}/commit']),
    );
  });

  it('documents every route the app serves, and routes every documented operation', () => {
    const { undocumented, unrouted } = compareRoutesWithDocument(svc.app, buildDataPipelineOpenApi());
    expect(unrouted).toEqual([]);
    expect(undocumented).toEqual([]);
  });
});
