import { Link } from 'react-router';

/** "Page not found", inside a layout's own <main> (the dashboard's), or as its own page (`standalone`). */
export function NotFound({ standalone = false }: { standalone?: boolean }) {
  const body = (
    <>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to the start page</Link>.
      </p>
    </>
  );
  return standalone ? <main>{body}</main> : <section>{body}</section>;
}
