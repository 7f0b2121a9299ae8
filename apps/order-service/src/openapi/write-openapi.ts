// Writes contracts/openapi/order-service.json (nx run order-service:openapi); a test keeps it current.
import path from 'node:path';
import { writeOpenApiFile } from '@platform/service-kit';
import { buildOrderServiceOpenApi } from './openapi';

const file = path.resolve(__dirname, '../../../../contracts/openapi/order-service.json');
writeOpenApiFile(buildOrderServiceOpenApi(), file);
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
