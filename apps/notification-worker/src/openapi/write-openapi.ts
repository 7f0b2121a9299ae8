// Writes contracts/openapi/notification-worker.json (nx run notification-worker:openapi); a test keeps it current.
import path from 'node:path';
import { writeOpenApiFile } from '@platform/service-kit';
import { buildNotificationWorkerOpenApi } from './openapi';

const file = path.resolve(__dirname, '../../../../contracts/openapi/notification-worker.json');
writeOpenApiFile(buildNotificationWorkerOpenApi(), file);
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
