// Writes contracts/openapi/user-service.json (nx run user-service:openapi); a test keeps it current.
import path from 'node:path';
import { writeOpenApiFile } from '@platform/service-kit';
import { buildUserServiceOpenApi } from './openapi';

const file = path.resolve(__dirname, '../../../../contracts/openapi/user-service.json');
writeOpenApiFile(buildUserServiceOpenApi(), file);
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
