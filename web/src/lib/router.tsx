/** A small history-based router: the explorer has nine pages and every bit of state lives in the URL. */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/** Fired on every navigation the explorer makes itself (the browser fires popstate for back and forward). */
export const NAVIGATED = 'explorer:navigate';

/** The explorer's language lives in the URL as ?lang=, so a shared link opens in the language it was read in. */
export const LANGUAGE_PARAM = 'lang';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search + window.location.hash;

export interface Location {
  path: string;
  params: URLSearchParams;
  hash: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, params: url.searchParams, hash: decodeURIComponent(url.hash.slice(1)) };
}

/**
 * An internal link keeps the language the reader chose: the current URL's ?lang= is carried over unless the link
 * names a language itself.
 */
export function withLanguage(to: string): string {
  const language = new URLSearchParams(window.location.search).get(LANGUAGE_PARAM);
  if (!language || !to.startsWith('/')) return to;
  const url = new URL(to, window.location.origin);
  if (url.searchParams.has(LANGUAGE_PARAM)) return to;
  url.searchParams.set(LANGUAGE_PARAM, language);
  return url.pathname + url.search + url.hash;
}

export function navigate(destination: string, options: { replace?: boolean } = {}): void {
  const to = withLanguage(destination);
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
  if (!options.replace && !to.includes('#')) window.scrollTo(0, 0);
}

/** Builds `path?query` from parameters, leaving out empty values and empty lists. */
export function href(path: string, params: Record<string, string | number | string[] | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(name, value.join(','));
    } else search.set(name, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export function listParam(params: URLSearchParams, name: string): string[] {
  return (params.get(name) ?? '').split(',').filter(Boolean);
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={withLanguage(to)} onClick={follow} {...rest} />;
}

/** Page paths use the id without its kind prefix: /instrument/cn-cybersecurity-law-2016#art-37. */
export const instrumentPath = (id: string, anchor?: string) =>
  `/instrument/${encodeURIComponent(id.replace(/^instrument:/, ''))}${anchor ? `#${anchor}` : ''}`;
export const countryPath = (code: string) => `/country/${encodeURIComponent(code.replace(/^country:/, ''))}`;
export const graphPath = (id: string) => href('/graph', { focus: id });
export const personPath = (id: string) => `/person/${encodeURIComponent(id.replace(/^person:/, ''))}`;
export const organizationPath = (id: string) => `/organization/${encodeURIComponent(id.replace(/^org:/, ''))}`;
export const eventPath = (id: string) => `/event/${encodeURIComponent(id.replace(/^event:/, ''))}`;

/** The page of an entity by its id's prefix: its own page where it has one, else its place in the graph. */
export function entityPath(id: string): string {
  const [prefix = ''] = id.split(':', 1);
  switch (prefix) {
    case 'person':
      return personPath(id);
    case 'org':
      return organizationPath(id);
    case 'event':
      return eventPath(id);
    case 'country':
      return countryPath(id);
    case 'instrument':
      return instrumentPath(id);
    default:
      return graphPath(id);
  }
}
