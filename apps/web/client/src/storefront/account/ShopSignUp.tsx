import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { EmailField, PasswordField } from '../../ui/CredentialFields';
import { useAction } from '../../ui/useLoad';
import { useShop } from '../shop';
import { useAfterSignIn } from './useAfterSignIn';

/** Sign up as a buyer of this shop (a viewer of its tenant); the guest cart and wishlist come along. */
export function ShopSignUp() {
  const { signUp } = useSession();
  const { tenantId, shopPath } = useShop();
  const after = useAfterSignIn();
  const [form, setForm] = useState({ email: '', password: '', nickname: '' });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const action = useAction(async () =>
    after(
      await signUp({
        email: form.email.trim(),
        password: form.password,
        ...(form.nickname.trim() ? { nickname: form.nickname.trim() } : {}),
        tenant_id: tenantId,
      }),
    ),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run();
  };
  return (
    <section>
      <h1>Sign up</h1>
      <p>Create an account in this shop to check out and see your orders.</p>
      <form onSubmit={submit} className="card" style={{ maxWidth: '28rem' }}>
        <EmailField value={form.email} onChange={set('email')} />
        <PasswordField isNew value={form.password} onChange={set('password')} />
        <Field
          label="Nickname (optional)"
          autoComplete="nickname"
          value={form.nickname}
          onChange={set('nickname')}
        />
        <ErrorMessage error={action.error} />
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'Signing up…' : 'Sign up'}
        </button>
      </form>
      <p>
        Have an account? <Link to={shopPath('login')}>Sign in</Link>
      </p>
    </section>
  );
}
