import { ErrorMessage } from '../../ui/ErrorMessage';

/**
 * An inline confirmation for a consequential action (activate, roll back, revoke): the question, then
 * "Yes, …" and "Cancel" buttons; the action's error shown beside it.
 */
export function Confirm({
  question,
  yes,
  busy,
  error,
  danger,
  onYes,
  onCancel,
}: {
  question: string;
  yes: string;
  busy?: boolean;
  error?: unknown;
  danger?: boolean;
  onYes: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="card" role="group" aria-label="Confirm">
      <p>{question}</p>
      <button type="button" className={danger ? 'danger' : undefined} disabled={busy} onClick={onYes}>
        {yes}
      </button>{' '}
      <button type="button" className="secondary" disabled={busy} onClick={onCancel}>
        Cancel
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}
