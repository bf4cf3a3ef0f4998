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

export function RouteErrorPage() {
  const error = useRouteError();
  usePageMeta('Something went wrong');
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
