import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';

/**
 * Renders `ui` with a query cache already holding the server's answers (`[queryKey, data]`), so a
 * component test exercises the component's own rules without a network. Queries not seeded stay
 * pending (network off), which a test can assert too.
 */
export function renderWithData(
  ui: ReactElement,
  {
    data = [],
    path = '/',
    route = '/',
  }: { data?: [readonly unknown[], unknown][]; path?: string; route?: string } = {},
) {
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: Number.POSITIVE_INFINITY, networkMode: 'offlineFirst' },
    },
  });
  for (const [key, value] of data) client.setQueryData(key, value);
  return {
    client,
    ...render(
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[route]}>
          <Routes>
            <Route path={path} element={ui} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    ),
  };
}
