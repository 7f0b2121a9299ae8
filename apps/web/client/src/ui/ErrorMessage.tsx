import { humanMessage } from '../api/errors';

/** An error as a sentence for a person (never a JSON dump), announced to screen readers. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {humanMessage(error)}
    </p>
  );
}
