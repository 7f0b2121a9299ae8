import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { guestSessionId } from '../../api/guest';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { EmailField, PasswordField } from '../../ui/CredentialFields';
import { useAction } from '../../ui/useLoad';
import { useShop } from '../shop';
import { useAfterSignIn } from './useAfterSignIn';

/** Sign in to this shop as a buyer; the guest cart and wishlist come along. */
export function ShopSignIn() {
  const { signIn } = useSession();
  const { shopPath, buyer } = useShop();
  const after = useAfterSignIn();
  const checkout = useSearchParams()[0].get('next') === 'checkout';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(async () => after(await signIn(email.trim(), password, guestSessionId())));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run();
  };
  return (
    <section>
      <h1>Sign in</h1>
      {checkout && <p className="notice">Sign in to check out: your cart comes with you.</p>}
      {buyer && <p>You are signed in as {buyer.email}.</p>}
      <form onSubmit={submit} className="card" style={{ maxWidth: '28rem' }}>
        <EmailField value={email} onChange={(e) => setEmail(e.target.value)} />
        <PasswordField value={password} onChange={(e) => setPassword(e.target.value)} />
        <ErrorMessage error={action.error} />
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        New here? <Link to={shopPath('signup')}>Sign up</Link>
      </p>
    </section>
  );
}
