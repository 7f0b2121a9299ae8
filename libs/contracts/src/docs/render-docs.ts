import { z } from 'zod';
import { EventEnvelopeSchema, EVENT_HEADERS } from '../envelope';
import {
  COMMON_ERRORS,
  ErrorEnvelopeSchema,
  ORDER_ERRORS,
  ORDER_SERVICE_ERRORS,
  PAYMENT_ERRORS,
  PAYMENT_SERVICE_ERRORS,
  USER_ERRORS,
  WEBHOOK_ERRORS,
} from '../errors';
import { EVENTS } from '../events';
import { TOPICS, dlqTopic } from '../topics';

/**
 * The platform's event and error contracts as Markdown, rendered from the zod schemas themselves so the
 * documents in docs/ can never drift from what the services validate (a test compares them).
 */

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  description?: string;
  minimum?: number;
  maxLength?: number;
  minItems?: number;
};

const GENERATED =
  '<!-- Generated from libs/contracts by `npx nx run contracts:docs`; do not edit by hand. -->';

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.type === 'array') return `array of ${s.items ? typeOf(s.items) : 'any'}`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object')
    return `map of string → ${typeOf(s.additionalProperties)}`;
  const base = Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'any');
  return s.format ? `${base} (${s.format})` : base;
}

/** One row per field, nested objects flattened as `parent.child`. */
function fieldRows(schema: JsonSchema, prefix = ''): string[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const notes = field.description ? ` ${field.description} |` : '';
    const row = `| \`${path}\` | ${typeOf(field)} | ${required.has(name) ? 'yes' : 'no'} |${notes}`;
    return field.properties ? [row, ...fieldRows(field, `${path}.`)] : [row];
  });
}

/** A field table; the notes column only where a schema carries descriptions (`.describe()`). */
function table(schema: z.ZodType): string[] {
  const rows = fieldRows(z.toJSONSchema(schema, { unrepresentable: 'any' }) as JsonSchema);
  const notes = rows.some((r) => r.split('|').length > 5);
  return [
    `| field | type | required |${notes ? ' notes |' : ''}`,
    `| --- | --- | --- |${notes ? ' --- |' : ''}`,
    ...rows.map((r) => (notes && r.split('|').length === 5 ? `${r} |` : r)),
  ];
}

export function renderEventsDoc(): string {
  const topics = Object.values(TOPICS);
  const lines = [
    GENERATED,
    '',
    '# Events',
    '',
    'Every fact a service publishes is a Kafka message whose value is this JSON envelope, whose key is',
    "`aggregate_id` (so one aggregate's events stay in order) and whose headers are",
    `\`${EVENT_HEADERS.eventType}\` and \`${EVENT_HEADERS.traceparent}\` (W3C trace context).`,
    'Consumers deduplicate on `event_id`; a message that cannot be processed goes to `<topic>.dlq` with',
    'the reason in its `dlq.*` headers.',
    '',
    '## Envelope',
    '',
    ...table(EventEnvelopeSchema),
    '',
    '## Topics',
    '',
    '| topic | dead letters | events |',
    '| --- | --- | --- |',
    ...topics.map((t) => {
      const names = Object.entries(EVENTS)
        .filter(([, def]) => def.topic === t)
        .map(([name]) => `[\`${name}\`](#${name.toLowerCase()})`);
      return `| \`${t}\` | \`${dlqTopic(t)}\` | ${names.join(', ') || '(none yet)'} |`;
    }),
  ];
  for (const [name, def] of Object.entries(EVENTS)) {
    lines.push(
      '',
      `## ${name}`,
      '',
      `Topic \`${def.topic}\`, aggregate \`${def.aggregateType}\`, version ${def.version}. \`data\`:`,
      '',
      ...table(def.data),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function renderErrorsDoc(): string {
  const codes = (title: string, entries: Record<string, string>) => [
    '',
    `## ${title}`,
    '',
    '| code | meaning |',
    '| --- | --- |',
    ...Object.entries(entries).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`),
  ];
  return `${[
    GENERATED,
    '',
    '# Errors',
    '',
    'Every response with a status of 400 or more, from every service, carries this body:',
    '',
    ...table(ErrorEnvelopeSchema),
    '',
    '## Common codes',
    '',
    '| code | HTTP status |',
    '| --- | --- |',
    ...Object.entries(COMMON_ERRORS).map(([code, status]) => `| \`${code}\` | ${status} |`),
    ...codes('user-service codes', USER_ERRORS),
    ...codes('order-service codes', { ...ORDER_ERRORS, ...ORDER_SERVICE_ERRORS }),
    ...codes('payment-service codes', { ...PAYMENT_ERRORS, ...PAYMENT_SERVICE_ERRORS }),
    ...codes('signed webhooks (order-service, payment-service)', WEBHOOK_ERRORS),
  ].join('\n')}\n`;
}

/** File name in docs/ → its content. */
export const renderDocs = (): Record<string, string> => ({
  'events.md': renderEventsDoc(),
  'errors.md': renderErrorsDoc(),
});
