// Writes contracts/openapi/user-service.json (nx run user-service:openapi); a test keeps it current.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildOpenApiDocument } from './openapi';

const file = path.resolve(__dirname, '../../../../contracts/openapi/user-service.json');
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
