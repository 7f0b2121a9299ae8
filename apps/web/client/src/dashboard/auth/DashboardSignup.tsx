import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { EmailField, PasswordField } from '../../ui/CredentialFields';
import { useAction } from '../../ui/useLoad';

/** Open a shop: a new tenant with you as its admin (register without tenant_id). */
export function DashboardSignup() {
  const { signUp } = useSession();
  const navigate = useNavigate();
  const [form, setForm] = useState({ tenant_name: '', email: '', password: '', firstName: '', lastName: '' });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const open = useAction(async () => {
    await signUp({
      email: form.email,
      password: form.password,
      tenant_name: form.tenant_name,
      firstName: form.firstName || undefined,
      lastName: form.lastName || undefined,
    });
    navigate('/dashboard', { replace: true });
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void open.run();
  };
  return (
    <main>
      <h1>Open a shop</h1>
      <p>You will be the shop&apos;s admin.</p>
      <form className="card" onSubmit={submit}>
        <Field
          label="Shop name"
          required
          maxLength={100}
          value={form.tenant_name}
          onChange={set('tenant_name')}
        />
        <EmailField value={form.email} onChange={set('email')} />
        <PasswordField isNew value={form.password} onChange={set('password')} />
        <Field label="First name (optional)" value={form.firstName} onChange={set('firstName')} />
        <Field label="Last name (optional)" value={form.lastName} onChange={set('lastName')} />
        <ErrorMessage error={open.error} />
        <button type="submit" disabled={open.busy}>
          {open.busy ? 'Opening your shop…' : 'Open the shop'}
        </button>
      </form>
      <p>
        Have a shop already? <Link to="/dashboard/login">Sign in</Link>.
      </p>
    </main>
  );
}
