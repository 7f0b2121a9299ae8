import type { UserResponse } from '@platform/contracts';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { call } from '../api/http';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';

type State =
  | { kind: 'verifying' }
  | { kind: 'missing' }
  | { kind: 'verified'; user: UserResponse }
  | { kind: 'failed'; error: unknown };

/** The link's user id and token, read once; the token then leaves the address bar (history, screenshots, shoulders). */
function takeLinkParams(): { userId: string; token: string } | null {
  const query = new URLSearchParams(window.location.search);
  const userId = query.get('user_id')?.trim() ?? '';
  const token = query.get('token')?.trim() ?? '';
  if (query.has('token') || query.has('user_id'))
    // the router's own history state is kept, so back/forward still work
    window.history.replaceState(window.history.state, '', window.location.pathname);
  return userId && token ? { userId, token } : null;
}

/** Where the verified user signs in: an admin runs the shop from the dashboard, anyone else buys in it. */
function SignInLinks({ user }: { user: UserResponse }) {
  const shop = `/shop/${encodeURIComponent(user.tenant_id)}`;
  if (user.role === 'admin')
    return (
      <p>
        <Link to="/dashboard/login">Sign in to your dashboard</Link>
      </p>
    );
  return (
    <p>
      <Link to={`${shop}/login`}>Sign in to the shop</Link> or{' '}
      <Link to="/dashboard/login">sign in to the dashboard</Link>.
    </p>
  );
}

/**
 * `/verify-email?user_id=…&token=…`, the link in the verification e-mail: proves the address with
 * `POST /api/users/{user_id}/verify` (public, the token is the credential). The token is spent by the
 * first call, so the call is made once, even when StrictMode runs the effect twice.
 */
export function VerifyEmail() {
  const [state, setState] = useState<State>({ kind: 'verifying' });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const link = takeLinkParams();
    if (!link) {
      setState({ kind: 'missing' });
      return;
    }
    call<UserResponse>(
      `/api/users/${encodeURIComponent(link.userId)}/verify`,
      {},
      { method: 'POST', body: { verification_token: link.token } },
    ).then(
      (user) => setState({ kind: 'verified', user }),
      (error: unknown) => setState({ kind: 'failed', error }),
    );
  }, []);

  return (
    <main>
      {state.kind === 'verifying' && <Loading what="Verifying your e-mail address" />}
      {state.kind === 'verified' && (
        <>
          <h1>Your e-mail address is verified</h1>
          <p>Thank you: {state.user.email} is confirmed as yours.</p>
          <SignInLinks user={state.user} />
        </>
      )}
      {state.kind === 'failed' && (
        <>
          <h1>Your e-mail address could not be verified</h1>
          <ErrorMessage error={state.error} />
          <p>
            The link may have expired, or been used already: an address verified once stays verified. You can{' '}
            <Link to="/">go to the start page</Link> and sign in from there.
          </p>
        </>
      )}
      {state.kind === 'missing' && (
        <>
          <h1>This verification link is incomplete</h1>
          <p role="alert" className="error">
            The link needs both a user id and a token. Open the link from the e-mail as it is, or copy all of
            it into the address bar.
          </p>
          <p>
            <Link to="/">Go to the start page</Link>
          </p>
        </>
      )}
    </main>
  );
}
