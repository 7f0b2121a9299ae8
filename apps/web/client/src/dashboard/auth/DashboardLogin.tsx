import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/errors';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { EmailField, PasswordField } from '../../ui/CredentialFields';
import { useAction } from '../../ui/useLoad';

/** Where to go after signing in: where they were going (a dashboard page), else the dashboard. */
function destination(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/dashboard') && !from.startsWith('/dashboard/login')
    ? from
    : '/dashboard';
}

/** Sign in to your dashboard. */
export function DashboardLogin() {
  const { signIn, user } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useAction(async () => {
    await signIn(email, password);
    navigate(destination(location.state), { replace: true });
  });
  const wrongPassword = login.error instanceof ApiError && login.error.status === 401;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void login.run();
  };
  // signed in already (a reload of this page, or the back button): on to the dashboard
  if (user && !login.busy) return <Navigate to={destination(location.state)} replace />;
  return (
    <main>
      <h1>Sign in to your dashboard</h1>
      <form className="card" onSubmit={submit}>
        <EmailField value={email} onChange={(e) => setEmail(e.target.value)} />
        <PasswordField value={password} onChange={(e) => setPassword(e.target.value)} />
        {wrongPassword ? (
          <p role="alert" className="error">
            The email or password is not right. Check them and try again.
          </p>
        ) : (
          <ErrorMessage error={login.error} />
        )}
        <button type="submit" disabled={login.busy}>
          {login.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        No shop yet? <Link to="/dashboard/signup">Open a shop</Link>.
      </p>
    </main>
  );
}
