import type { Role, UserResponse } from '@platform/contracts';
import { useState } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { when } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useAction, useLoad } from '../../ui/useLoad';
import { AddUserForm } from './AddUserForm';

/** `GET /api/users` (admins): the shop's users, newest first. */
interface UserListResponse {
  users: UserResponse[];
  total: number;
}

export const ROLES: Role[] = ['admin', 'developer', 'viewer'];
const PAGE = 20;

/** Users and roles (admin): the shop's users, add one, change a role, delete (after a confirmation). */
export function UsersPage() {
  const { api, user: me } = useSession();
  const [role, setRole] = useState<Role | ''>('');
  const [offset, setOffset] = useState(0);
  const [status, setStatus] = useState('');
  const list = useLoad(
    () => api<UserListResponse>('/api/users', { query: { limit: PAGE, offset, role: role || undefined } }),
    [role, offset],
  );
  const change = useAction(async (u: UserResponse, next: Role) => {
    await api(`/api/users/${u.id}`, { method: 'PUT', body: { role: next } });
    setStatus(`${u.email} is now ${next}.`);
    list.reload();
  });
  const remove = useAction(async (u: UserResponse) => {
    if (!window.confirm(`Delete ${u.email}? Their sign-ins stop working at once.`)) return;
    await api(`/api/users/${u.id}`, { method: 'DELETE' });
    setStatus(`${u.email} was deleted.`);
    list.reload();
  });
  const total = list.data?.total ?? 0;
  return (
    <section>
      <h1>Users and roles</h1>
      <AddUserForm
        onAdded={(u) => {
          setStatus(`${u.email} was added as ${u.role}.`);
          list.reload();
        }}
      />
      <div className="field">
        <label htmlFor="users-role">Show role</label>
        <select
          id="users-role"
          value={role}
          onChange={(e) => {
            setRole(e.target.value as Role | '');
            setOffset(0);
          }}
        >
          <option value="">All roles</option>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </div>
      <p role="status">{status}</p>
      <ErrorMessage error={list.error ?? change.error ?? remove.error} />
      {list.loading && !list.data && <Loading what="Loading users" />}
      {list.data && (
        <table>
          <caption className="muted">
            {total} user{total === 1 ? '' : 's'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.data.users.map((u) => (
              <tr key={u.id}>
                <td>{u.email}</td>
                <td>{[u.first_name, u.last_name].filter(Boolean).join(' ') || u.username}</td>
                <td>
                  <label className="muted" htmlFor={`role-${u.id}`}>
                    Role of {u.email}
                  </label>{' '}
                  <select
                    id={`role-${u.id}`}
                    value={u.role}
                    disabled={change.busy || u.id === me?.id}
                    onChange={(e) => void change.run(u, e.target.value as Role)}
                  >
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                </td>
                <td>{when(u.created_at)}</td>
                <td>
                  {u.id !== me?.id && (
                    <button
                      type="button"
                      className="danger"
                      disabled={remove.busy}
                      onClick={() => void remove.run(u)}
                    >
                      Delete {u.email}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > PAGE && (
        <p>
          <button
            type="button"
            className="secondary"
            disabled={offset === 0}
            onClick={() => setOffset(offset - PAGE)}
          >
            Previous
          </button>{' '}
          <button
            type="button"
            className="secondary"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            Next
          </button>
        </p>
      )}
    </section>
  );
}
