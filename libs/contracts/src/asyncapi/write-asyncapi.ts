// Writes contracts/asyncapi.yaml from the event schemas (npx nx run contracts:asyncapi).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderAsyncApi } from './render-asyncapi';

writeFileSync(path.resolve(__dirname, '../../../../contracts/asyncapi.yaml'), renderAsyncApi());
process.stdout.write('wrote contracts/asyncapi.yaml\n');
