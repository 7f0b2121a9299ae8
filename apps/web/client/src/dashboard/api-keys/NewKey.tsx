import { useState } from 'react';
import type { CreatedKey } from './CreateKeyForm';

/** The full key of a key just created, shown this once with a Copy button; "Done" forgets it. */
export function NewKey({ created, onDone }: { created: CreatedKey; onDone(): void }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Could not copy: select the key and copy it by hand.');
    }
  };
  return (
    <div className="card notice" aria-labelledby="new-key-title">
      <h2 id="new-key-title">Your new key “{created.name}”</h2>
      <p>
        <strong>Copy it now: it will not be shown again.</strong> Only its prefix is kept in the list.
      </p>
      <p>
        <code className="secret" data-testid="new-api-key">
          {created.key}
        </code>
      </p>
      <button type="button" onClick={() => void copy()}>
        Copy
      </button>{' '}
      <button type="button" className="secondary" onClick={onDone}>
        Done
      </button>
      <p role="status">{copied}</p>
    </div>
  );
}
