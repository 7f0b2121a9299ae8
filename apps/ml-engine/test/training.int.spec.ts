import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ModelsResponseSchema,
  RetrainPolicySchema,
  TOPICS,
  TrainingJobSchema,
  TrainingJobsResponseSchema,
  TrainingTriggerResponseSchema,
} from '@platform/contracts';
import { freePort } from '@platform/devstack';
import { eventually } from '@platform/devstack/testing';
import { createEvent } from '@platform/messaging';
import request from 'supertest';
import { INTERRUPTED } from '../src/training/job-runner';
import { NO_DATA } from '../src/training/train-job';
import { startMlEngine, type MlEngine } from './harness';
import { plantedRows, writeTrainingData } from './training-fixtures';

const OLD_DAYS = ['2019-03-01', '2019-03-02', '2019-03-03'];
const RANGE_2019 = { start_date: '2019-03-01T00:00:00Z', end_date: '2019-03-03T23:59:59+00:00' };

/** ml-engine's main.ts in a child process on the instance's data (tsx in-process, so SIGKILL kills it all). */
async function startChild(of: MlEngine) {
  const port = await freePort();
  const env = Object.fromEntries(
    Object.entries(of.config).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  );
  const root = path.join(__dirname, '../../..');
  const proc = spawn(process.execPath, ['--require', 'tsx/cjs', 'apps/ml-engine/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      LOG_LEVEL: 'error',
      TSX_TSCONFIG_PATH: 'tsconfig.base.json',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const ready = async () => (await fetch(`${url}/ready`).catch(() => undefined))?.ok === true;
  await eventually(ready, { timeoutMs: 60_000, what: 'the child ml-engine to be ready' });
  return { url, kill: () => proc.exitCode === null && proc.kill('SIGKILL') };
}

describe('training jobs', () => {
  let ml: MlEngine;
  let first: MlEngine;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ml-training-data-'));
  const [planted, busy, empty, other] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

  const trigger = (tenantId: string, config: object) =>
    request(ml.url)
      .post('/internal/ml/training/trigger')
      .set(ml.serviceAuth())
      .send({ tenant_id: tenantId, training_config: config });
  const job = async (tenantId: string, jobId: string, url = ml.url) => {
    const res = await request(url)
      .get(`/internal/ml/training/jobs/${jobId}`)
      .set(ml.serviceAuth())
      .set('x-tenant-id', tenantId)
      .expect(200);
    return TrainingJobSchema.parse(res.body);
  };
  const finished = async (tenantId: string, jobId: string) => {
    await ml.jobs.waitFor(jobId);
    return job(tenantId, jobId);
  };

  beforeAll(async () => {
    // 2019 data of the planted groups; 2024 data of other items, outside the range asked below
    const rows = [
      ...plantedRows({ users: 40, items: 10, perUser: 6, days: OLD_DAYS }),
      ...plantedRows({ users: 10, items: 5, perUser: 3, days: ['2024-06-01'], prefix: 'late-' }),
    ];
    // a half-written file in a listed day's folder: reading it would fail the job
    await writeTrainingData(dataDir, planted, rows, ['part-half-written.parquet']);
    await writeTrainingData(
      dataDir,
      busy,
      plantedRows({ users: 400, items: 150, perUser: 40, days: OLD_DAYS }),
    );
    await writeTrainingData(dataDir, other, plantedRows({ users: 10, items: 5, perUser: 3, days: OLD_DAYS }));
    ml = first = await startMlEngine({ env: { TRAINING_DATA_DIR: dataDir } });
  });

  afterAll(async () => {
    await ml?.stop();
    await first?.stop(); // the first instance owns the database, store and user-service
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('trains on the range asked (years ago), reports epochs and metrics, and registers a version', async () => {
    const res = await trigger(planted, {
      model_type: 'matrix_factorization',
      hyperparameters: { epochs: 5, embedding_dim: 8 },
      data_range: RANGE_2019,
    }).expect(202);
    const queued = TrainingTriggerResponseSchema.parse(res.body);
    expect(queued.status).toBe('queued');
    expect(queued.estimated_duration_minutes).toBeGreaterThan(0);

    const done = await finished(planted, queued.job_id);
    expect(done).toMatchObject({
      status: 'completed',
      progress: 1,
      error: null,
      model_type: 'matrix_factorization',
    });
    expect(done.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(done.model_version).toMatch(/^v1\.\d+\.0$/);
    const metrics = done.validation_metrics!;
    expect(metrics.users_evaluated).toBeGreaterThan(0);
    expect(metrics.ndcg_at_10).toBeGreaterThan(metrics.baseline.ndcg_at_10);

    const models = await request(ml.url)
      .get('/internal/ml/models')
      .set(ml.serviceAuth())
      .set('x-tenant-id', planted);
    const version = ModelsResponseSchema.parse(models.body).models.find(
      (m) => m.version === done.model_version,
    );
    // the 2019 groups' 20 items and 40 users; none of the 2024 rows
    expect(version).toMatchObject({ job_id: queued.job_id, items: 20, users: 40 });
    // the worker's model carried each user's training items into the version (left out when serving)
    const space = (await ml.spaces.version(planted, done.model_version!))!;
    const rows = plantedRows({ users: 40, items: 10, perUser: 6, days: OLD_DAYS });
    const allItems = [...new Set(rows.map((r) => r.item))];
    for (const user of ['u0', 'u1', 'u39']) {
      const mine = new Set(rows.filter((r) => r.user === user).map((r) => r.item));
      expect(allItems.filter((i) => space.hasSeen!(user, i))).toEqual(allItems.filter((i) => mine.has(i)));
    }

    const scraped = (await request(ml.url).get('/metrics').expect(200)).text.split('\n');
    const line = (name: string, ...labels: string[]) =>
      scraped.find((l) => l.startsWith(name) && labels.every((x) => l.includes(x)));
    expect(line('ml_training_duration_seconds_count', planted, 'matrix_factorization')).toMatch(/ 1$/);
    const lastLoss = done.epochs[4].loss;
    const loss = line('ml_training_loss', planted, `model_version="${done.model_version}"`, 'epoch="5"');
    expect(Number(loss?.split(' ').pop())).toBe(lastLoss);
  });

  it('fails a job without data in its range, or without training data at all, saying why', async () => {
    const range = { start_date: '2010-01-01T00:00:00Z', end_date: '2010-12-31T00:00:00Z' };
    const first = await trigger(planted, { model_type: 'gnn', data_range: range }).expect(202);
    expect(await finished(planted, first.body.job_id)).toMatchObject({ status: 'failed', error: NO_DATA });
    const second = await trigger(empty, { model_type: 'two_tower' }).expect(202);
    expect(await finished(empty, second.body.job_id)).toMatchObject({ status: 'failed', error: NO_DATA });
  });

  it('keeps one job per tenant: of two triggers at once, one is queued and the other is refused naming it', async () => {
    const config = { model_type: 'gnn', hyperparameters: { epochs: 2 } };
    const answers = await Promise.all([trigger(other, config), trigger(other, config)]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([202, 409]);
    const [accepted, refused] = answers[0].status === 202 ? answers : [answers[1], answers[0]];
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT', details: { job_id: accepted.body.job_id } });
    expect((await finished(other, accepted.body.job_id)).status).toBe('completed');
    await trigger(other, config).expect(202); // once it finished, the tenant may train again
  });

  it("answers 404 for another tenant's job, 400 for invalid input and 401/403 without a fit service token", async () => {
    const res = await request(ml.url)
      .get('/internal/ml/training/jobs?limit=5')
      .set(ml.serviceAuth())
      .set('x-tenant-id', planted)
      .expect(200);
    const [mine] = TrainingJobsResponseSchema.parse(res.body).jobs;
    await request(ml.url)
      .get(`/internal/ml/training/jobs/${mine.job_id}`)
      .set(ml.serviceAuth())
      .set('x-tenant-id', other)
      .expect(404);
    await request(ml.url).get(`/internal/ml/training/jobs/${mine.job_id}`).set(ml.serviceAuth()).expect(400);
    await request(ml.url)
      .get('/internal/ml/training/jobs/not-a-uuid')
      .set(ml.serviceAuth())
      .set('x-tenant-id', planted)
      .expect(400);
    await trigger(planted, { model_type: 'svd' }).expect(400);
    await trigger(planted, { model_type: 'gnn', hyperparameters: { epochs: 0 } }).expect(400);
    const backwards = { start_date: '2020-01-02T00:00:00Z', end_date: '2020-01-01T00:00:00Z' };
    await trigger(planted, { model_type: 'gnn', data_range: backwards }).expect(400);
    await request(ml.url).post('/internal/ml/training/trigger').send({}).expect(401);
    await trigger(planted, { model_type: 'gnn' }).set(ml.serviceAuth('payment-service')).expect(403);
    await trigger(planted, { model_type: 'gnn' })
      .set(ml.serviceAuth('order-service', 'data-pipeline'))
      .expect(401);
    // the web app's server (the dashboard) with its own service token; not with one minted for another service
    const web = ml.serviceAuth('web');
    const read = await request(ml.url)
      .get(`/internal/ml/training/jobs/${mine.job_id}`)
      .set(web)
      .set('x-tenant-id', planted)
      .expect(200);
    expect(read.body.job_id).toBe(mine.job_id);
    await trigger(planted, { model_type: 'svd' }).set(web).expect(400); // past the guard, to the body
    await request(ml.url)
      .get('/internal/ml/training/policy')
      .set(web)
      .set('x-tenant-id', planted)
      .expect(200);
    await request(ml.url)
      .get(`/internal/ml/training/jobs/${mine.job_id}`)
      .set(ml.serviceAuth('web', 'user-service'))
      .set('x-tenant-id', planted)
      .expect(401);
    await trigger(planted, { model_type: 'gnn' }).set(ml.serviceAuth('web', 'order-service')).expect(401);
  });

  it('trains in a worker thread: the service answers while a job runs; a stop puts the job back and it completes', async () => {
    const res = await trigger(busy, {
      model_type: 'matrix_factorization',
      hyperparameters: { epochs: 60 },
    }).expect(202);
    const jobId = res.body.job_id as string;
    await eventually(async () => (await job(busy, jobId)).progress > 0.1, {
      timeoutMs: 30_000,
      what: 'the job to train',
    });
    await request(ml.url).get('/health').expect(200);
    // had training held the event loop, the job would be over by the time /health answered
    expect((await job(busy, jobId)).status).toBe('running');

    ml = await ml.restart();
    expect((await finished(busy, jobId)).status).toBe('completed');
  });

  it('fails a job left running by an instance that died (its owner lock is free), at the next start', async () => {
    const tenantId = randomUUID();
    const jobId = randomUUID();
    // what kill -9 leaves: running, a fresh heartbeat, an owner whose session is gone
    await ml.pool.query(
      `INSERT INTO training_jobs (job_id, tenant_id, model_type, status, owner, heartbeat_at, started_at)
       VALUES ($1, $2, 'gnn', 'running', $3, now(), now())`,
      [jobId, tenantId, randomUUID()],
    );
    ml = await ml.restart();
    expect(await job(tenantId, jobId)).toMatchObject({ status: 'failed', error: INTERRUPTED });
  });

  it('fails a job whose process was killed (kill -9) while it trained, when an instance starts', async () => {
    await ml.close(); // the child below is the only runner
    const child = await startChild(ml);
    try {
      const res = await request(child.url)
        .post('/internal/ml/training/trigger')
        .set(ml.serviceAuth())
        .send({
          tenant_id: busy,
          training_config: { model_type: 'matrix_factorization', hyperparameters: { epochs: 60 } },
        })
        .expect(202);
      const jobId = res.body.job_id as string;
      await eventually(async () => (await job(busy, jobId, child.url)).status === 'running', {
        timeoutMs: 30_000,
        what: 'the child to run the job',
      });
      child.kill();
      ml = await ml.restart();
      expect(await job(busy, jobId)).toMatchObject({ status: 'failed', error: INTERRUPTED });
    } finally {
      child.kill();
    }
  });

  it('retrains on TrainingDataUpdated when the policy is on and enough rows arrived, once per event', async () => {
    const policy = (method: 'get' | 'put', tenantId: string) => {
      const route = '/internal/ml/training/policy';
      const r = method === 'get' ? request(ml.url).get(route) : request(ml.url).put(route);
      return r.set(ml.serviceAuth()).set('x-tenant-id', tenantId);
    };
    expect(RetrainPolicySchema.parse((await policy('get', planted).expect(200)).body).enabled).toBe(false);
    await policy('put', planted).send({ enabled: 'yes' }).expect(400);
    const on = { enabled: true, model_type: 'two_tower', min_new_rows: 100 };
    await policy('put', planted).send(on).expect(200);
    expect((await policy('get', planted).expect(200)).body).toEqual(on);

    const updated = (rowCount: number) =>
      createEvent('TrainingDataUpdated', {
        aggregateId: planted,
        tenantId: planted,
        data: {
          tenant_id: planted,
          data_version: `v${rowCount}`,
          catalog_path: `tenants/${planted}/catalog.json`,
          dates: [OLD_DAYS[0]],
          row_count: rowCount,
        },
      });
    const jobsOf = async () =>
      TrainingJobsResponseSchema.parse(
        (
          await request(ml.url)
            .get('/internal/ml/training/jobs?limit=100')
            .set(ml.serviceAuth())
            .set('x-tenant-id', planted)
        ).body,
      ).jobs.filter((j) => j.model_type === 'two_tower');
    const few = updated(50);
    const enough = updated(300);
    await ml.publisher.publish([few, enough, enough].map((event) => ({ topic: TOPICS.dataEvents, event })));
    await eventually(async () => (await jobsOf()).length > 0, { timeoutMs: 30_000, what: 'a retrain job' });
    const [queued, ...more] = await jobsOf();
    expect(more).toEqual([]);
    await ml.jobs.waitFor(queued.job_id);
    expect(await jobsOf()).toHaveLength(1);
  });
});
