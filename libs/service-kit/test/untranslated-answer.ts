import { ErrorEnvelopeSchema } from '@platform/contracts';
import { Router } from 'express';
import request from 'supertest';
import { createLogger } from '../src/observability/logger';
import { createMetrics } from '../src/observability/metrics';
import { createService } from '../src/service';

export type OutageAnswer = Awaited<ReturnType<typeof answerOf>>;

/**
 * What a client gets when `run` throws a driver's error in a route that passes it on untranslated (to
 * the service's one error handler), and that error's own text.
 */
export async function answerOf(run: () => Promise<unknown>) {
  let raw = '';
  const route = Router().get('/q', async (_req, res) => {
    await run().catch((err: unknown) => {
      raw = `${(err as Error).name}: ${(err as Error).message}`;
      throw err;
    });
    res.status(204).end();
  });
  const { app } = createService({
    name: 'test',
    version: '1',
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test', { defaults: false }),
    checks: [],
    routes: [route],
  });
  const res = await request(app).get('/q');
  return { status: res.status, error: ErrorEnvelopeSchema.parse(res.body).error, raw };
}

/**
 * The answer is 503 SERVICE_UNAVAILABLE in the envelope for the driver error named (so the case is the
 * one it says), and the driver's own words (`internals`) stay inside.
 */
export function expectUnavailable(answer: OutageAnswer, driverText: RegExp, internals: RegExp): void {
  const { status, error, raw } = answer;
  expect(raw).toMatch(driverText);
  expect([status, error.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
  expect(error.message).not.toMatch(internals);
}
