import { type z } from 'zod';
import { Errors } from '../errors/app-error';

export type InputPart = 'body' | 'query' | 'params' | 'headers';

/**
 * Parses one part of a request with its contract schema, or throws VALIDATION_ERROR naming each field.
 * `details.field`/`details.reason` carry the first problem (seed 002 §8); `details.fields` all of them.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: InputPart = 'body',
): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : part,
    reason: issue.message,
  }));
  return fail(part, fields);
}

function fail(part: InputPart, fields: { field: string; reason: string }[]): never {
  const [first] = fields;
  throw Errors.validation(`Invalid request ${part}: ${first.field}: ${first.reason}`, {
    field: first.field,
    reason: first.reason,
    fields,
  });
}
