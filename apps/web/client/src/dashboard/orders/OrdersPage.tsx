import type { UserResponse } from '@platform/contracts';
import { useState } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { useLoad } from '../../ui/useLoad';
import { UserOrders } from './UserOrders';
import { UserPayments } from './UserPayments';

/** `GET /api/users` (admins): the shop's users, newest first. */
interface UserListResponse {
  users: UserResponse[];
  total: number;
}

/** Orders and payments (admin): pick a user of the shop, see their orders and payments, move an order, refund. */
export function OrdersPage() {
  const { api } = useSession();
  const [userId, setUserId] = useState('');
  const [round, setRound] = useState(0);
  const users = useLoad(() => api<UserListResponse>('/api/users', { query: { limit: 100 } }), []);
  const changed = () => setRound((r) => r + 1);
  return (
    <section>
      <h1>Orders and payments</h1>
      <ErrorMessage error={users.error} />
      {users.loading && !users.data && <Loading what="Loading users" />}
      {users.data && (
        <div className="field">
          <label htmlFor="orders-user">User</label>
          <select id="orders-user" value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">Choose a user…</option>
            {users.data.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email} ({u.role})
              </option>
            ))}
          </select>
        </div>
      )}
      {userId && (
        <>
          <p>
            <button type="button" className="secondary" onClick={changed}>
              Refresh orders and payments
            </button>
          </p>
          <UserOrders userId={userId} round={round} onChanged={changed} />
          <UserPayments userId={userId} round={round} onChanged={changed} />
        </>
      )}
    </section>
  );
}
