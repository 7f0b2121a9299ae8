import { type Metrics } from '@platform/service-kit';
import { Counter } from 'prom-client';

/** user-service's own counters of seed 001: accounts created, and e-mail addresses verified. */
export interface UserCounters {
  registrations: Counter<'service'>;
  verifications: Counter<'service'>;
  /** Pre-bound to the service label, as every series of the registry carries it. */
  registered(): void;
  verified(): void;
}

export function userCounters(metrics: Metrics): UserCounters {
  const registers = [metrics.registry];
  const labels = { service: metrics.service };
  const registrations = new Counter({
    name: 'user_registrations_total',
    help: 'User accounts created (sign-ups and users added by an admin)',
    labelNames: ['service'],
    registers,
  });
  const verifications = new Counter({
    name: 'user_verifications_total',
    help: 'E-mail addresses verified',
    labelNames: ['service'],
    registers,
  });
  // exported from the start at 0, so a dashboard sees the series before the first sign-up
  registrations.inc(labels, 0);
  verifications.inc(labels, 0);
  return {
    registrations,
    verifications,
    registered: () => registrations.inc(labels),
    verified: () => verifications.inc(labels),
  };
}
