import winston from 'winston';
import { currentContext, currentTraceIds } from './context';

export type Logger = winston.Logger;

const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|card_?number|cvv|api_?key|private_?key/i;

/** Replaces values of secret-looking keys, at any depth, so no password or card number reaches a log. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k) ? '[REDACTED]' : redact(v, depth + 1);
  return out;
}

/** Seed 002 §7 shape: timestamp, level, service, trace_id, span_id, message, context. */
const seedShape = (service: string) =>
  winston.format((info) => {
    const { level, message, timestamp: _t, ...rest } = info;
    const ctx = currentContext();
    const ids = currentTraceIds();
    const meta = redact(
      Object.fromEntries(Object.entries(rest).filter(([k]) => typeof k === 'string')),
    ) as object;
    const line = {
      timestamp: new Date().toISOString(),
      level: level.toUpperCase(),
      service,
      trace_id: ids?.trace_id,
      span_id: ids?.span_id,
      request_id: ctx?.request_id,
      message,
      context: { tenant_id: ctx?.tenant_id, user_id: ctx?.user_id, ...meta },
    };
    return Object.assign(info, { [Symbol.for('message')]: JSON.stringify(line) });
  })();

/** `level` 'silent' turns logging off (unit tests that provoke errors on purpose). */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return winston.createLogger({
    level: level.toLowerCase(),
    silent: level.toLowerCase() === 'silent',
    format: seedShape(service),
    transports: [new winston.transports.Console()],
  });
}
