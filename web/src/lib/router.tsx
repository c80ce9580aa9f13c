/** A small history-based router: the explorer has nine pages and every bit of state lives in the URL. */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

const CHANGE = 'explorer:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
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

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
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
  return <a href={to} onClick={follow} {...rest} />;
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
