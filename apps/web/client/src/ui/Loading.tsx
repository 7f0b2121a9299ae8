/** A busy marker that screen readers announce. */
export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p role="status" aria-live="polite" className="muted">
      {what}…
    </p>
  );
}
