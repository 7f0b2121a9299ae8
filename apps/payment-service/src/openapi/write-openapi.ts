// Writes contracts/openapi/payment-service.json (nx run payment-service:openapi); a test keeps it current.
import path from 'node:path';
import { writeOpenApiFile } from '@platform/service-kit';
import { buildPaymentServiceOpenApi } from './openapi';

const file = path.resolve(__dirname, '../../../../contracts/openapi/payment-service.json');
writeOpenApiFile(buildPaymentServiceOpenApi(), file);
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
