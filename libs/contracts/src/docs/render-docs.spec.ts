import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderDocs } from './render-docs';

describe('docs/ rendered from the contracts', () => {
  it.each(Object.entries(renderDocs()))(
    'docs/%s is up to date (npx nx run contracts:docs)',
    (file, content) => {
      const committed = readFileSync(path.resolve(__dirname, '../../../../docs', file), 'utf8');
      expect(committed).toBe(content);
    },
  );

  it('documents every event with its topic and every data field', () => {
    const events = renderDocs()['events.md'];
    expect(events).toContain('## UserCreated');
    expect(events).toContain('Topic `user.events`, aggregate `user`, version 1');
    expect(events).toMatch(/\| `email` \| string \(email\) \| yes \|/);
    expect(events).toContain('| `notifications` | `notifications.dlq` |');
  });
});
