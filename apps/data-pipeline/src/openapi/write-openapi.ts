// Writes contracts/openapi/data-pipeline.json (nx run data-pipeline:openapi); a test keeps it current.
import path from 'node:path';
import { writeOpenApiFile } from '@platform/service-kit';
import { buildDataPipelineOpenApi } from './openapi';

const file = path.resolve(__dirname, '../../../../contracts/openapi/data-pipeline.json');
writeOpenApiFile(buildDataPipelineOpenApi(), file);
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
