import { type ChangeEventHandler } from 'react';
import { Field } from './Field';

interface Props {
  value: string;
  onChange: ChangeEventHandler<HTMLInputElement>;
}

/** The e-mail of a sign-in or sign-up form (what password managers fill in as the user name). */
export function EmailField({ value, onChange }: Props) {
  return (
    <Field label="Email" type="email" autoComplete="username" required value={value} onChange={onChange} />
  );
}

/** A password: the current one to sign in, or a new one (at least 8 characters, as user-service asks). */
export function PasswordField({ value, onChange, isNew = false }: Props & { isNew?: boolean }) {
  return isNew ? (
    <Field
      label="Password (at least 8 characters)"
      type="password"
      autoComplete="new-password"
      required
      minLength={8}
      value={value}
      onChange={onChange}
    />
  ) : (
    <Field
      label="Password"
      type="password"
      autoComplete="current-password"
      required
      value={value}
      onChange={onChange}
    />
  );
}
