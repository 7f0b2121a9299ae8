import { type ValidationErrorEntry } from '@platform/contracts';
import { type z } from 'zod';

/** The records of a batch that passed, each with its place in the request. */
export interface Checked<T> {
  valid: { index: number; record: T }[];
  errors: ValidationErrorEntry[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A path as a reader writes it: `tags[3]`, `context.device_type`. */
const fieldOf = (path: PropertyKey[]): string =>
  path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)),
    '',
  );

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/**
 * One zod issue as a sentence for the caller (seed 002 §2 shows "Missing required field: title");
 * the schemas' own messages finish a sentence that starts with the field.
 */
export function describeIssue(issue: z.core.$ZodIssue, record: Record<string, unknown>): string {
  const field = fieldOf(issue.path);
  if (issue.path.length === 1 && record[String(issue.path[0])] === undefined)
    return `Missing required field: ${field}`;
  if (issue.code === 'invalid_type') return `${field} must be ${article(issue.expected)} ${issue.expected}`;
  if (issue.code === 'invalid_value') return `${field} must be one of: ${issue.values.join(', ')}`;
  if (issue.code === 'unrecognized_keys') return `Unknown field: ${issue.keys.join(', ')}`;
  // zod's own wording ("Too big: expected string to have <=32 characters") where a schema gave none
  if (issue.code === 'too_big' && issue.message.startsWith('Too big'))
    return issue.origin === 'array'
      ? `${field} has more than ${issue.maximum} items`
      : `${field} is longer than ${issue.maximum} characters`;
  return `${field} ${issue.message}`;
}

/**
 * Checks each record of a batch on its own (seed 002 §9): the good ones go on, each bad one is reported
 * with its index, its ids when it had usable ones, the first field at fault and why.
 */
export function validateRecords<S extends z.ZodType>(schema: S, records: unknown[]): Checked<z.output<S>> {
  const out: Checked<z.output<S>> = { valid: [], errors: [] };
  records.forEach((raw, index) => {
    if (!isObject(raw)) {
      out.errors.push({ index, error: 'A record must be a JSON object' });
      return;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      out.valid.push({ index, record: parsed.data });
      return;
    }
    const [issue] = parsed.error.issues;
    out.errors.push({
      index,
      ...idsOf(raw),
      ...(issue.path.length ? { field: fieldOf(issue.path) } : {}),
      error: describeIssue(issue, raw),
    });
  });
  return out;
}

/** The record's ids, echoed so the caller can find it; only short strings (never a whole blob back). */
function idsOf(raw: Record<string, unknown>): { user_id?: string; item_id?: string } {
  const ok = (v: unknown): v is string => typeof v === 'string' && v.length <= 256;
  return {
    ...(ok(raw.user_id) ? { user_id: raw.user_id } : {}),
    ...(ok(raw.item_id) ? { item_id: raw.item_id } : {}),
  };
}
