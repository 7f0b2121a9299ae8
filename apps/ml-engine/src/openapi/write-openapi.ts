// Writes contracts/openapi/ml-engine.json (nx run ml-engine:openapi); a test keeps it current.
import path from 'node:path';
import { writeOpenApiFile } from '@platform/service-kit';
import { buildMlEngineOpenApi } from './openapi';

const file = path.resolve(__dirname, '../../../../contracts/openapi/ml-engine.json');
writeOpenApiFile(buildMlEngineOpenApi(), file);
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
