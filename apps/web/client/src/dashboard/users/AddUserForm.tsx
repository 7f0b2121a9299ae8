import type { Role, UserResponse } from '@platform/contracts';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { PasswordField } from '../../ui/CredentialFields';
import { useAction } from '../../ui/useLoad';

const EMPTY = { email: '', username: '', password: '', role: 'developer' as Role };

/** Add a user to the admin's shop with a role (`POST /api/users` as an admin). */
export function AddUserForm({ onAdded }: { onAdded(user: UserResponse): void }) {
  const { api } = useSession();
  const [form, setForm] = useState(EMPTY);
  const add = useAction(async () => {
    const user = await api<UserResponse>('/api/users', { method: 'POST', body: form });
    setForm(EMPTY);
    onAdded(user);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.run();
  };
  return (
    <form className="card" onSubmit={submit}>
      <h2>Add a user</h2>
      <Field
        label="Email"
        type="email"
        required
        value={form.email}
        onChange={(e) => setForm({ ...form, email: e.target.value })}
      />
      <Field
        label="Username"
        required
        minLength={3}
        maxLength={50}
        value={form.username}
        onChange={(e) => setForm({ ...form, username: e.target.value })}
      />
      <PasswordField
        isNew
        value={form.password}
        onChange={(e) => setForm({ ...form, password: e.target.value })}
      />
      <div className="field">
        <label htmlFor="new-user-role">Role</label>
        <select
          id="new-user-role"
          value={form.role}
          onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
        >
          <option>admin</option>
          <option>developer</option>
          <option>viewer</option>
        </select>
      </div>
      <ErrorMessage error={add.error} />
      <button type="submit" disabled={add.busy}>
        {add.busy ? 'Adding…' : 'Add user'}
      </button>
    </form>
  );
}
