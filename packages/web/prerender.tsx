/**
 * Build step after `vite build`: renders the public guide, treatment and home pages to static HTML
 * with the same components as the app (react-dom/server + a static router), so they read without
 * JavaScript and can be indexed. Output: dist/prerendered/<path>.html, which the server sends for
 * GET <path>. The SPA then hydrates the page. Run: `tsx prerender.tsx` (part of `npm run build`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import {
  createStaticHandler,
  createStaticRouter,
  type RouteObject,
  StaticRouterProvider,
} from 'react-router';
import { PublicLayout } from './src/app/layout';
import { prerenderMeta } from './src/components/ui/page-title';
import { GuideArticlePage } from './src/features/learn/guide-article-page';
import { LearnIndexPage } from './src/features/learn/learn-index-page';
import { library } from './src/features/learn/library';
import { TreatmentPage } from './src/features/learn/treatment-page';
import { TreatmentsIndexPage } from './src/features/learn/treatments-index-page';
import { HomePage } from './src/features/public/home-page';

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist');
const OUT = path.join(DIST, 'prerendered');

/** Which source module each prerendered path lazy-loads in the browser (for modulepreload hints). */
const PAGES: { url: string; module: string | null }[] = [
  { url: '/', module: null },
  { url: '/learn', module: 'src/features/learn/learn-index-page.tsx' },
  ...library.guide.map((g) => ({
    url: `/learn/${g.slug}`,
    module: 'src/features/learn/guide-article-page.tsx',
  })),
  { url: '/treatments', module: 'src/features/learn/treatments-index-page.tsx' },
  ...library.treatments.map((t) => ({
    url: `/treatments/${t.slug}`,
    module: 'src/features/learn/treatment-page.tsx',
  })),
];

// Same shape as the public part of app/router.tsx (root route → PublicLayout → page), so the
// server HTML matches what the client renders and hydrates.
const routes: RouteObject[] = [
  {
    children: [
      {
        element: <PublicLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'learn', element: <LearnIndexPage /> },
          { path: 'learn/:slug', element: <GuideArticlePage /> },
          { path: 'treatments', element: <TreatmentsIndexPage /> },
          { path: 'treatments/:slug', element: <TreatmentPage /> },
        ],
      },
    ],
  },
];

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

function preloadsFor(module: string | null, manifest: Record<string, ManifestChunk>): string[] {
  if (!module) return [];
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || chunk.isEntry || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const i of chunk.imports ?? []) visit(i);
  };
  visit(module);
  return [...files];
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

async function main() {
  const template = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  if (!template.includes('<div id="root"></div>')) throw new Error('dist/index.html has no empty #root');
  const manifestPath = path.join(DIST, '.vite', 'manifest.json');
  const manifest: Record<string, ManifestChunk> = fs.existsSync(manifestPath)
    ? JSON.parse(fs.readFileSync(manifestPath, 'utf8'))
    : {};
  const handler = createStaticHandler(routes);
  fs.rmSync(OUT, { recursive: true, force: true });

  for (const page of PAGES) {
    const context = await handler.query(new Request(`http://localhost${page.url}`));
    if (context instanceof Response) throw new Error(`${page.url} redirected`);
    const router = createStaticRouter(handler.dataRoutes, context);
    delete prerenderMeta.title;
    delete prerenderMeta.description;
    const body = renderToString(
      <StrictMode>
        <QueryClientProvider client={new QueryClient()}>
          <StaticRouterProvider router={router} context={context} hydrate={false} />
        </QueryClientProvider>
      </StrictMode>,
    );
    if (!prerenderMeta.title) throw new Error(`${page.url} set no page title`);
    const preloads = preloadsFor(page.module, manifest)
      .filter((f) => !template.includes(`/${f}"`))
      .map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`)
      .join('\n    ');
    let html = template
      .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(prerenderMeta.title)}</title>`)
      .replace('<div id="root"></div>', `<div id="root" data-prerendered="true">${body}</div>`);
    if (prerenderMeta.description) {
      html = html.replace(
        /<meta name="description" content="[^"]*"\s*\/?>/,
        `<meta name="description" content="${escapeHtml(prerenderMeta.description)}" />`,
      );
    }
    if (preloads) html = html.replace('</head>', `  ${preloads}\n  </head>`);
    const file = path.join(OUT, `${page.url === '/' ? '/index' : page.url}.html`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, html);
  }
  console.log(`prerendered ${PAGES.length} pages to ${path.relative(process.cwd(), OUT)}`);
}

await main();
