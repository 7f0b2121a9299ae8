import { type BreakerStatus } from '@platform/contracts';
import { type Metrics } from '@platform/service-kit';
import { Router } from 'express';
import type CircuitBreaker from 'opossum';
import { Gauge } from 'prom-client';

type State = BreakerStatus[string]['state'];
const GAUGE_VALUE: Record<State, number> = { closed: 0, half_open: 1, open: 2 };

interface Entry {
  breaker: CircuitBreaker;
  failures: number;
  lastFailure: string | null;
}

/** Every breaker of a service: behind `GET /api/circuit-breaker/status` and the `circuit_breaker_state` gauge. */
export class BreakerRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly gauge: Gauge<'service' | 'target'>;

  constructor(private readonly metrics: Metrics) {
    this.gauge = new Gauge({
      name: 'circuit_breaker_state',
      help: 'Circuit breaker state per downstream service: 0 closed, 1 half-open, 2 open',
      labelNames: ['service', 'target'],
      registers: [metrics.registry],
    });
  }

  register(target: string, breaker: CircuitBreaker): void {
    const entry: Entry = { breaker, failures: 0, lastFailure: null };
    this.entries.set(target, entry);
    const set = (state: State) =>
      this.gauge.set({ service: this.metrics.service, target }, GAUGE_VALUE[state]);
    set('closed');
    breaker.on('open', () => set('open'));
    breaker.on('halfOpen', () => set('half_open'));
    breaker.on('close', () => {
      set('closed');
      entry.failures = 0;
    });
    breaker.on('failure', () => {
      entry.failures++;
      entry.lastFailure = new Date().toISOString();
    });
  }

  status(): BreakerStatus {
    const out: BreakerStatus = {};
    for (const [target, e] of this.entries) {
      const state: State = e.breaker.opened ? 'open' : e.breaker.halfOpen ? 'half_open' : 'closed';
      out[target] = { state, failure_count: e.failures, last_failure: e.lastFailure };
    }
    return out;
  }

  /** `GET /api/circuit-breaker/status` in the shape of seed 001. */
  router(): Router {
    const router = Router();
    router.get('/api/circuit-breaker/status', (_req, res) => {
      res.json(this.status());
    });
    return router;
  }

  shutdown(): void {
    for (const { breaker } of this.entries.values()) breaker.shutdown();
  }
}
