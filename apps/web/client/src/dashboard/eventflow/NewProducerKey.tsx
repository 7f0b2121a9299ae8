import { useState } from 'react';

/** A new producer's key, shown this once (only its hash is kept), with a Copy button. */
export function NewProducerKey({
  name,
  apiKey,
  onDone,
}: {
  name: string;
  apiKey: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState<string>();
  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Copying was not allowed: select the key and copy it by hand.');
    }
  }
  return (
    <section className="card notice" aria-label="New producer key">
      <p>
        <strong>{name}</strong> is registered. Its key is shown only this once: copy it now and keep it
        somewhere safe.
      </p>
      <p>
        <code className="secret">{apiKey}</code>
      </p>
      <button type="button" onClick={() => void copy()}>
        Copy
      </button>{' '}
      <button type="button" className="secondary" onClick={onDone}>
        Done, I have saved it
      </button>
      {copied && <p role="status">{copied}</p>}
    </section>
  );
}
