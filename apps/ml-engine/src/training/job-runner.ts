import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { type TrainingJob } from '@platform/contracts';
import { type Logger } from '@platform/service-kit';
import { type ObjectStore } from '@platform/storage';
import { type Pool, type PoolClient } from 'pg';
import { type Background } from '../component';
import { type Config } from '../config';
import { type ItemCatalog } from '../model-space';
import { type ModelRegistry } from '../models/models.component';
import { type TrainEvent, type TrainRequest, type TrainResult, NO_DATA } from './train-job';
import { download, readCatalog, sliceOf } from './training-data';
import { type TrainingMetrics } from './training-metrics';
import { trainingRepository as repo } from './training.repository';

export interface RunnerDeps {
  config: Config;
  pool: Pool;
  trainingData: ObjectStore;
  catalog: ItemCatalog;
  registry: ModelRegistry;
  logger: Logger;
  metrics: TrainingMetrics;
}

const POLL_MS = 1_000;
const SWEEP_EVERY_POLLS = 15;
/** A running job whose instance wrote nothing this long is failed (the owner lock finds dead ones sooner). */
const STALE_SECONDS = 120;
export const INTERRUPTED = 'interrupted: ml-engine restarted';
const STOPPING = 'interrupted: ml-engine stopping';

// Under Jest and tsx this file is TypeScript: a small bootstrap registers tsx in the thread first.
const WORKER_FILE = __filename.endsWith('.ts')
  ? path.join(__dirname, 'train-worker.dev.js')
  : path.join(__dirname, 'train.worker.js');

/**
 * Runs queued jobs, each in a worker thread (never on the event loop), at most TRAINING_WORKERS at
 * once. Jobs of a process that died are failed, not resumed: each instance holds a PostgreSQL advisory
 * lock for its life, so a running job whose owner's lock is free (kill -9 closes the session) is failed
 * with INTERRUPTED at once, at start and every 15 s; a stale heartbeat catches the rest. A graceful stop
 * terminates its workers and puts their jobs back in the queue.
 */
export class JobRunner implements Background {
  readonly owner = randomUUID();
  private lockClient?: PoolClient;
  private timer?: NodeJS.Timeout;
  private polls = 0;
  private busy = false;
  private again = false;
  private stopping = false;
  private readonly runs = new Map<string, { worker?: Worker; done: Promise<void> }>();

  constructor(private readonly deps: RunnerDeps) {}

  async start() {
    this.stopping = false;
    this.lockClient = await this.deps.pool.connect();
    this.lockClient.on('error', (err) =>
      this.deps.logger.warn('Training owner lock lost', { error: err.message }),
    );
    await repo.lockOwner(this.lockClient, this.owner);
    await this.sweep();
    this.timer = setInterval(() => this.kick(), POLL_MS).unref();
    this.kick();
  }

  async stop() {
    this.stopping = true;
    clearInterval(this.timer);
    const runs = [...this.runs.values()];
    await Promise.all(runs.map((r) => r.worker?.terminate()));
    await Promise.allSettled(runs.map((r) => r.done));
    this.lockClient?.release(true);
    this.lockClient = undefined;
  }

  /** Claims queued jobs now (a trigger calls it; the poll catches other instances' triggers). */
  kick() {
    if (this.stopping) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    void this.poll()
      .catch((err: Error) => this.deps.logger.warn('Training poll failed', { error: err.message }))
      .finally(() => {
        this.busy = false;
        if (!this.again) return;
        this.again = false;
        this.kick();
      });
  }

  private async poll() {
    const { pool, config } = this.deps;
    if (++this.polls % SWEEP_EVERY_POLLS === 0) await this.sweep();
    if (this.runs.size > 0) await repo.heartbeat(pool, this.owner);
    while (!this.stopping && this.runs.size < config.TRAINING_WORKERS) {
      const job = await repo.claim(pool, this.owner);
      if (!job) return;
      const entry: { worker?: Worker; done: Promise<void> } = { done: Promise.resolve() };
      this.runs.set(job.job_id, entry);
      entry.done = this.run(job, entry).finally(() => {
        this.runs.delete(job.job_id);
        this.kick();
      });
    }
  }

  private async sweep() {
    const failed = await repo.failOrphans(this.deps.pool, this.owner, STALE_SECONDS, INTERRUPTED);
    for (const j of failed)
      this.deps.logger.warn('Training job interrupted by a restart', { job_id: j.job_id });
  }

  private async run(job: TrainingJob, entry: { worker?: Worker }) {
    const { pool, trainingData, registry, config, logger, metrics } = this.deps;
    const started = performance.now();
    const epochs: { epoch: number; loss: number }[] = [];
    let writes = Promise.resolve();
    const write = (f: () => Promise<void>) => {
      writes = writes.then(f).catch((err: Error) => {
        logger.warn('Training progress not saved', { error: err.message });
      });
    };
    const onEvent = (e: TrainEvent) => {
      if (e.kind === 'progress') write(() => repo.progress(pool, job.job_id, this.owner, e.progress));
      else {
        epochs.push(e);
        write(() => repo.epoch(pool, job.job_id, this.owner, e.epoch, e.loss));
      }
    };
    let removeFiles = () => {};
    try {
      const slice = sliceOf(
        await readCatalog(trainingData, job.tenant_id),
        job.tenant_id,
        job.data_range ?? undefined,
      );
      if (slice.keys.length === 0) throw new Error(NO_DATA);
      const local = await download(trainingData, slice);
      removeFiles = local.remove;
      const content = await contentOf(this.deps.catalog, job.tenant_id);
      if (this.stopping) throw new Error(STOPPING);
      const request: TrainRequest = {
        ...{ files: local.files, from: slice.from, to: slice.to },
        ...{
          modelType: job.model_type,
          hyper: job.hyperparameters,
          validationShare: config.VALIDATION_SHARE,
        },
        content,
      };
      const result = await this.inWorker(request, entry, onEvent);
      await writes;
      const version = await registry.register({
        ...{ tenantId: job.tenant_id, jobId: job.job_id },
        ...{ model: result.model, metrics: result.metrics },
      });
      await repo.complete(pool, job.job_id, this.owner, version.version, result.metrics);
      metrics.losses(job.tenant_id, version.version, epochs);
      metrics.finished(job.tenant_id, job.model_type, (performance.now() - started) / 1000);
      logger.info('Training job completed', { job_id: job.job_id, model_version: version.version });
    } catch (err) {
      await writes;
      if (this.stopping) await repo.requeue(pool, job.job_id, this.owner);
      else await repo.fail(pool, job.job_id, this.owner, (err as Error).message);
      logger.warn('Training job not completed', { job_id: job.job_id, error: (err as Error).message });
    } finally {
      removeFiles();
    }
  }

  private inWorker(req: TrainRequest, entry: { worker?: Worker }, onEvent: (e: TrainEvent) => void) {
    const worker = new Worker(WORKER_FILE);
    entry.worker = worker;
    return new Promise<TrainResult>((resolve, reject) => {
      worker.on(
        'message',
        (m: TrainEvent | ({ kind: 'done' } & TrainResult) | { kind: 'failed'; message: string }) => {
          if (m.kind === 'done') resolve(m);
          else if (m.kind === 'failed') reject(new Error(m.message));
          else onEvent(m);
        },
      );
      worker.on('error', reject);
      worker.on('exit', (code) =>
        reject(new Error(this.stopping ? STOPPING : `training worker exited (${code})`)),
      );
      worker.postMessage(req, req.content ? [req.content.vectors.buffer as ArrayBuffer] : []);
    }).finally(() => void worker.terminate());
  }
}

/** The tenant's live items' content vectors, in one transferable array. */
async function contentOf(catalog: ItemCatalog, tenantId: string): Promise<TrainRequest['content']> {
  const itemIds: string[] = [];
  const rows: Float32Array[] = [];
  for await (const { info, content } of catalog.all(tenantId)) {
    itemIds.push(info.itemId);
    rows.push(content);
  }
  if (rows.length === 0) return undefined;
  const dim = rows[0].length;
  const vectors = new Float32Array(itemIds.length * dim);
  rows.forEach((r, i) => vectors.set(r.subarray(0, dim), i * dim));
  return { itemIds, dim, vectors };
}
