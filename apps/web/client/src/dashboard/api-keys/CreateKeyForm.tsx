import { useState, type FormEvent } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { useAction } from '../../ui/useLoad';

type Permission = 'read' | 'write';

/** `POST /api/v1/api-keys`'s answer: the only time the full key is seen. */
export interface CreatedKey {
  id: string;
  name: string;
  key: string;
  key_prefix: string;
  permissions: Permission[];
  created_at: string;
}

const PERMISSIONS: { value: Permission; label: string }[] = [
  { value: 'read', label: 'Read (recommendations, usage, embeddings)' },
  { value: 'write', label: 'Write (track interactions, upload items)' },
];

/** Create a key with a name, permissions (one at least) and an environment. */
export function CreateKeyForm({ onCreated }: { onCreated(key: CreatedKey): void }) {
  const { api } = useSession();
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(['read']);
  const [environment, setEnvironment] = useState<'live' | 'test'>('live');
  const create = useAction(async () => {
    const key = await api<CreatedKey>('/api/v1/api-keys', {
      method: 'POST',
      body: { name, permissions, environment },
    });
    setName('');
    onCreated(key);
  });
  const toggle = (p: Permission) =>
    setPermissions((ps) => (ps.includes(p) ? ps.filter((x) => x !== p) : [...ps, p]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <form className="card" onSubmit={submit}>
      <h2>Create a key</h2>
      <Field
        label="Key name"
        required
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <fieldset>
        <legend>Permissions</legend>
        {PERMISSIONS.map((p) => (
          <div key={p.value}>
            <input
              type="checkbox"
              id={`perm-${p.value}`}
              checked={permissions.includes(p.value)}
              onChange={() => toggle(p.value)}
            />{' '}
            <label htmlFor={`perm-${p.value}`}>{p.label}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="key-environment">Environment</label>
        <select
          id="key-environment"
          value={environment}
          onChange={(e) => setEnvironment(e.target.value as 'live' | 'test')}
        >
          <option value="live">live (sk_live_…)</option>
          <option value="test">test (sk_test_…)</option>
        </select>
      </div>
      {permissions.length === 0 && <p className="error">Choose at least one permission.</p>}
      <ErrorMessage error={create.error} />
      <button type="submit" disabled={create.busy || permissions.length === 0}>
        {create.busy ? 'Creating…' : 'Create key'}
      </button>
    </form>
  );
}
