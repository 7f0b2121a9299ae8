// Writes docs/events.md and docs/errors.md from the contract schemas (npx nx run contracts:docs).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderDocs } from './render-docs';

const docsDir = path.resolve(__dirname, '../../../../docs');
for (const [file, content] of Object.entries(renderDocs())) {
  writeFileSync(path.join(docsDir, file), content);
  process.stdout.write(`wrote docs/${file}\n`);
}
