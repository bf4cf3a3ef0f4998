import { useEffect } from 'react';

/**
 * During build-time prerendering (no document) the last page's title and description land here,
 * so the static HTML gets the same head as the running app.
 */
export const prerenderMeta: { title?: string; description?: string } = {};

/** Sets the document title and meta description for the current page. */
export function usePageMeta(title: string, description?: string) {
  if (typeof document === 'undefined') {
    prerenderMeta.title = title === 'Anagen' ? title : `${title} · Anagen`;
    prerenderMeta.description = description;
  }
  useEffect(() => {
    document.title = title === 'Anagen' ? title : `${title} · Anagen`;
    if (description) {
      let meta = document.querySelector<HTMLMetaElement>('meta[name="description"]');
      if (!meta) {
        meta = document.createElement('meta');
        meta.name = 'description';
        document.head.append(meta);
      }
      meta.content = description;
    }
  }, [title, description]);
}
