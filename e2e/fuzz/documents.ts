// The committed OpenAPI documents that the fuzzing reads, checked against what each service serves.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const documentPath = (service: string) =>
  path.resolve(__dirname, '../../contracts/openapi', `${service}.json`);

type Responses = Record<string, { content?: Record<string, { schema?: { properties?: object } }> }>;
type Document = { paths: Record<string, Record<string, { responses?: Responses }>> };

/**
 * Schemathesis fuzzes the committed document; the service must serve that same one at /openapi.json.
 * And every documented 4xx must be the error envelope (`{error: {code, message, …}}`): then
 * `response_schema_conformance` holding for every 4xx means "every 4xx uses the error envelope".
 */
export async function checkDocument(service: string, url: string): Promise<string[]> {
  const committed = JSON.parse(readFileSync(documentPath(service), 'utf8')) as Document;
  const served = (await (await fetch(`${url}/openapi.json`)).json()) as Document;
  const problems: string[] = [];
  if (JSON.stringify(served) !== JSON.stringify(committed))
    problems.push(`${service} serves an /openapi.json other than contracts/openapi/${service}.json`);
  for (const [p, item] of Object.entries(committed.paths))
    for (const [method, op] of Object.entries(item))
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const schema = response.content?.['application/json']?.schema;
        if (/^4\d\d$/.test(status) && !(schema?.properties && 'error' in schema.properties))
          problems.push(
            `${service} ${method.toUpperCase()} ${p} documents a ${status} without the error envelope`,
          );
      }
  return problems;
}
