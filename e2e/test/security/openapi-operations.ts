import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** A JSON schema as the committed OpenAPI documents write them (inlined, no $ref). */
interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minimum?: number;
  minLength?: number;
  minProperties?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
}

interface RawOperation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema?: Schema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
}

/** One operation of one service's committed OpenAPI document. */
export interface Operation {
  service: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** The schemes it accepts; empty when the document says it needs none. */
  schemes: string[];
  documented: string[];
  pathParams: { name: string; schema: Schema }[];
  body?: Schema;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const openapiDir = path.resolve(__dirname, '../../../contracts/openapi');

/** Every operation of every committed document: a new route is in the matrix as soon as it is documented. */
export function allOperations(): Operation[] {
  return readdirSync(openapiDir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => {
      const doc = JSON.parse(readFileSync(path.join(openapiDir, file), 'utf8')) as {
        security?: Record<string, string[]>[];
        paths: Record<string, Record<string, RawOperation>>;
      };
      return Object.entries(doc.paths).flatMap(([p, item]) =>
        METHODS.filter((m) => item[m]).map((method): Operation => {
          const op = item[method];
          const security = op.security ?? doc.security ?? [];
          return {
            service: file.replace(/\.json$/, ''),
            method,
            path: p,
            schemes: security.flatMap((s) => Object.keys(s)),
            documented: Object.keys(op.responses ?? {}),
            pathParams: (op.parameters ?? [])
              .filter((x) => x.in === 'path')
              .map((x) => ({ name: x.name, schema: x.schema ?? {} })),
            body: op.requestBody?.content?.['application/json']?.schema,
          };
        }),
      );
    });
}

export const opName = (op: Pick<Operation, 'method' | 'path'>) => `${op.method.toUpperCase()} ${op.path}`;

/** A well-formed value of `schema`: the smallest one its constraints allow. */
export function example(schema: Schema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  const branch = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (branch) return example(branch);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    const properties = Object.entries(schema.properties ?? {});
    // the required ones, or as many of the first ones as `minProperties` asks for (a partial update)
    const wanted = new Set(schema.required ?? properties.slice(0, schema.minProperties ?? 0).map(([k]) => k));
    return Object.fromEntries(properties.filter(([k]) => wanted.has(k)).map(([k, s]) => [k, example(s)]));
  }
  if (type === 'array')
    return Array.from({ length: schema.minItems ?? 0 }, () => example(schema.items ?? {}));
  if (type === 'integer' || type === 'number') return Math.max(schema.minimum ?? 1, 1);
  if (type === 'boolean') return true;
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'email') return `x-${randomUUID().slice(0, 8)}@example.com`;
  if (schema.format === 'date-time') return new Date().toISOString();
  if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}

/** The operation's URL path with each parameter filled: from `ids` by name, else a well-formed value. */
export function fillPath(op: Operation, ids: Record<string, string> = {}): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const param = op.pathParams.find((p) => p.name === name);
    return encodeURIComponent(ids[name] ?? String(example(param?.schema ?? { format: 'uuid' })));
  });
}
