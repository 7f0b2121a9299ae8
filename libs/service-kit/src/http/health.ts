import { type CheckStatus, type HealthResponse } from '@platform/contracts';
import { Router } from 'express';

/** One thing /health asks about. `critical` ones make the service unhealthy (503) and not ready. */
export interface HealthCheck {
  /** The key in `checks` (seed 002 §4 uses database, cache, dependencies). */
  name: string;
  critical: boolean;
  /** Resolves when healthy; rejects (or times out) when not. */
  check: () => Promise<void>;
}

export interface HealthState {
  /** Set on SIGTERM: /ready answers false so the load balancer stops sending traffic. */
  draining: boolean;
}

const CHECK_TIMEOUT_MS = 2000;

async function runCheck(c: HealthCheck): Promise<CheckStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([c.check(), timeout]);
    return 'healthy';
  } catch {
    return c.critical ? 'unhealthy' : 'degraded';
  } finally {
    clearTimeout(timer);
  }
}

export async function evaluate(
  checks: HealthCheck[],
  version: string,
  startedAt: number,
): Promise<HealthResponse> {
  const results = await Promise.all(checks.map(async (c) => [c.name, await runCheck(c)] as const));
  const statuses = results.map(([, s]) => s);
  const status: CheckStatus = statuses.includes('unhealthy')
    ? 'unhealthy'
    : statuses.includes('degraded')
      ? 'degraded'
      : 'healthy';
  return {
    status,
    version,
    uptime_seconds: Math.floor((Date.now() - startedAt) / 1000),
    checks: Object.fromEntries(results),
  };
}

/** `GET /health` and `GET /ready` in the shapes of seed 002 §4. */
export function healthRouter(checks: HealthCheck[], version: string, state: HealthState): Router {
  const startedAt = Date.now();
  const router = Router();
  router.get('/health', async (_req, res) => {
    const health = await evaluate(checks, version, startedAt);
    res.status(health.status === 'unhealthy' ? 503 : 200).json(health);
  });
  router.get('/ready', async (_req, res) => {
    const critical = checks.filter((c) => c.critical);
    const ready = !state.draining && (await evaluate(critical, version, startedAt)).status === 'healthy';
    res.status(ready ? 200 : 503).json({ ready });
  });
  return router;
}
