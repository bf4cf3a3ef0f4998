import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';

export function NotFoundPage() {
  usePageMeta('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>The page you asked for does not exist or has moved.</p>
      <Link to="/">Go to the home page</Link>
    </>
  );
}

/** A lazily loaded part of the app could not be fetched: usually a new version was installed. */
function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(
      error.message,
    )
  );
}

export function RouteErrorPage() {
  const error = useRouteError();
  usePageMeta('Something went wrong');
  if (isChunkLoadError(error)) {
    return (
      <main id="main" style={{ maxWidth: 720, margin: '0 auto', padding: 24 }}>
        <h1>Please reload the page</h1>
        <p>
          Anagen was updated while this page was open, or the connection dropped. Reloading loads the current
          version; nothing you saved is lost.
        </p>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          Reload
        </button>
      </main>
    );
  }
  return (
    <main id="main" style={{ maxWidth: 720, margin: '0 auto', padding: 24 }}>
      <h1>Something went wrong</h1>
      <p>
        {isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : 'The page could not be shown.'}
      </p>
      <a href="/">Go to the home page</a>
    </main>
  );
}
