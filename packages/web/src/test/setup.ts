import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// Without vitest globals, testing-library cannot register its own cleanup: unmount between tests here.
afterEach(() => cleanup());

// Component tests seed the query cache with the server's answers (test/render.tsx); a request that
// slips through fails loudly here instead of reaching whatever listens on the machine.
beforeEach(() => {
  vi.stubGlobal('fetch', (url: unknown) =>
    Promise.reject(new Error(`No network in component tests (requested ${String(url)}): seed the query`)),
  );
});
