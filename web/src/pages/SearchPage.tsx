/** Search as you type, with facets, highlighted snippets, sorting and pagination; all of it in the URL. */
import { useEffect, useId, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { Highlighted, type HighlightedText } from '../components/Highlighted.js';
import { Empty, ErrorState, Loading } from '../components/States.js';
import { capitalise, statusLabel } from '../lib/format.js';
import { href, instrumentPath, Link, listParam, navigate, useLocation } from '../lib/router.js';
import { useDebounced } from '../lib/useDebounced.js';

const PAGE_SIZE = 20;

/** On a phone the filters start folded so the results come first. */
const wideScreen = () => window.matchMedia('(min-width: 801px)').matches;

const SEARCH = `query Search($query: String!, $filter: SearchFilter, $sort: SearchSort, $first: Int, $after: String) {
  search(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
    total
    pageInfo { hasNextPage }
    expansions { term matched }
    facets {
      kind { value label count }
      country { value label count }
      instrumentKind { value label count }
      theme { value label count }
      year { value label count }
    }
    edges { cursor node {
      id kind
      title { text highlights { start end } }
      snippet { text highlights { start end } }
      node { id ... on Provision { anchor } ... on Quote { provision { anchor } speaker { label } } }
      instrument { id title date status instrumentKind countries { code label } }
    } }
  }
}`;

interface FacetCount {
  value: string;
  label: string;
  count: number;
}
interface SearchHit {
  id: string;
  kind: 'Instrument' | 'Provision' | 'Quote';
  title: HighlightedText;
  snippet: HighlightedText;
  node: { id: string; anchor?: string; provision?: { anchor: string } | null; speaker?: { label: string } | null };
  instrument: {
    id: string;
    title: string;
    date: string | null;
    status: string | null;
    instrumentKind: string;
    countries: { code: string; label: string }[];
  };
}
interface SearchData {
  search: {
    total: number;
    pageInfo: { hasNextPage: boolean };
    expansions: { term: string; matched: string[] }[];
    facets: Record<'kind' | 'country' | 'instrumentKind' | 'theme' | 'year', FacetCount[]>;
    edges: { cursor: string; node: SearchHit }[];
  };
}

interface SearchState {
  q: string;
  type: string[];
  country: string[];
  kind: string[];
  theme: string[];
  year: string[];
  sort: string;
  page: number;
}

const facetParams = ['type', 'country', 'kind', 'theme', 'year'] as const;
type FacetParam = (typeof facetParams)[number];

function readState(params: URLSearchParams): SearchState {
  return {
    q: params.get('q') ?? '',
    type: listParam(params, 'type'),
    country: listParam(params, 'country'),
    kind: listParam(params, 'kind'),
    theme: listParam(params, 'theme'),
    year: listParam(params, 'year'),
    sort: params.get('sort') ?? 'RELEVANCE',
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
  };
}

function stateHref(state: SearchState): string {
  return href('/search', {
    q: state.q,
    type: state.type,
    country: state.country,
    kind: state.kind,
    theme: state.theme,
    year: state.year,
    sort: state.sort === 'RELEVANCE' ? undefined : state.sort,
    page: state.page > 1 ? state.page : undefined,
  });
}

/** The server's cursors are offsets; a page number in the URL keeps links short and readable. */
const cursorBefore = (page: number) =>
  page > 1 ? btoa(`offset:${(page - 1) * PAGE_SIZE - 1}`).replace(/=+$/, '') : null;

function hitPath(hit: SearchHit): string {
  const anchor = hit.node.anchor ?? hit.node.provision?.anchor ?? undefined;
  return instrumentPath(hit.instrument.id, anchor);
}

const facetTitles: Record<FacetParam, string> = {
  type: 'Result type',
  country: 'Country',
  kind: 'Instrument kind',
  theme: 'Theme',
  year: 'Year',
};
const facetSource: Record<FacetParam, keyof SearchData['search']['facets']> = {
  type: 'kind',
  country: 'country',
  kind: 'instrumentKind',
  theme: 'theme',
  year: 'year',
};

function Facet({
  name,
  counts,
  selected,
  onToggle,
}: {
  name: FacetParam;
  counts: FacetCount[];
  selected: string[];
  onToggle: (value: string) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const shownCounts = [
    ...counts,
    ...selected
      .filter((value) => !counts.some((count) => count.value === value))
      .map((value) => ({ value, label: value, count: 0 })),
  ];
  if (shownCounts.length === 0) return null;
  const limit = 8;
  const visible = expanded ? shownCounts : shownCounts.slice(0, limit);
  return (
    <fieldset className="facet">
      <legend>{facetTitles[name]}</legend>
      {visible.map((count) => (
        <label key={count.value} className="check">
          <input
            type="checkbox"
            checked={selected.includes(count.value)}
            onChange={() => onToggle(count.value)}
            name={name}
            value={count.value}
          />
          <span>{name === 'kind' ? capitalise(count.label) : count.label}</span>
          <span className="count">{count.count}</span>
        </label>
      ))}
      {shownCounts.length > limit && (
        <button type="button" className="link" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${shownCounts.length}`}
        </button>
      )}
    </fieldset>
  );
}

export function SearchPage() {
  const { params } = useLocation();
  const state = readState(params);
  const [text, setText] = useState(state.q);
  const typed = useDebounced(text, 250);
  const inputId = useId();

  // Typing replaces the URL entry (no history entry per keystroke); filters and pages push one.
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    if (typed !== latest.current.q) navigate(stateHref({ ...latest.current, q: typed, page: 1 }), { replace: true });
  }, [typed]);
  // Back and forward restore the query box.
  useEffect(() => setText(state.q), [state.q]);

  const update = (change: Partial<SearchState>) => navigate(stateHref({ ...state, page: 1, ...change }));
  const toggle = (name: FacetParam, value: string) => {
    const current = state[name];
    update({ [name]: current.includes(value) ? current.filter((item) => item !== value) : [...current, value] });
  };

  const years = state.year.map(Number).filter(Number.isFinite);
  const filter = {
    ...(state.type.length ? { kinds: state.type } : {}),
    ...(state.country.length ? { countries: state.country } : {}),
    ...(state.kind.length ? { instrumentKinds: state.kind } : {}),
    ...(state.theme.length ? { themes: state.theme } : {}),
    ...(years.length ? { yearFrom: Math.min(...years), yearTo: Math.max(...years) } : {}),
  };
  const [result, reexecute] = useQuery<SearchData>({
    query: SEARCH,
    variables: { query: state.q, filter, sort: state.sort, first: PAGE_SIZE, after: cursorBefore(state.page) },
    pause: state.q.trim() === '',
  });
  const retry = () => reexecute({ requestPolicy: 'network-only' });
  const search = result.data?.search;
  const activeFilters = facetParams.flatMap((name) => state[name].map((value) => ({ name, value })));

  return (
    <section className="search-page">
      <h1 className="visually-hidden">Search</h1>
      <search className="search-box">
        <form onSubmit={(event) => event.preventDefault()}>
          <label htmlFor={inputId}>Search laws, agreements, provisions and speeches</label>
          <div className="search-row">
            <input
              id={inputId}
              type="search"
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder="e.g. data localization, cybercrime, an ninh mạng, 网络安全"
              autoComplete="off"
              // biome-ignore lint/a11y/noAutofocus: the search box is the page's one purpose
              autoFocus
            />
            <label className="inline">
              <span>Sort</span>
              <select value={state.sort} onChange={(event) => update({ sort: event.target.value })}>
                <option value="RELEVANCE">Relevance</option>
                <option value="DATE_DESC">Newest first</option>
                <option value="DATE_ASC">Oldest first</option>
              </select>
            </label>
          </div>
        </form>
      </search>

      {state.q.trim() === '' ? (
        <Intro onPick={(query) => setText(query)} />
      ) : result.error && !search ? (
        <ErrorState error={result.error} retry={retry} />
      ) : !search ? (
        <Loading what="Searching" />
      ) : (
        <div className="search-layout">
          <aside className="facets" aria-label="Filters">
            <details className="facet-toggle" open={wideScreen()}>
              <summary>Filters{activeFilters.length > 0 && ` (${activeFilters.length})`}</summary>
              {facetParams.map((name) => (
                <Facet
                  key={name}
                  name={name}
                  counts={search.facets[facetSource[name]]}
                  selected={state[name]}
                  onToggle={(value) => toggle(name, value)}
                />
              ))}
            </details>
          </aside>
          <div className="results" aria-busy={result.fetching}>
            <p className="summary" role="status" aria-live="polite">
              {search.total === 0 ? 'No results' : `${search.total} result${search.total === 1 ? '' : 's'}`} for{' '}
              <strong>{state.q}</strong>
              {result.fetching && <span className="muted"> · updating…</span>}
            </p>
            {search.expansions.length > 0 && (
              <p className="muted small">
                Also matched:{' '}
                {search.expansions.map((expansion) => `${expansion.term} → ${expansion.matched.join(', ')}`).join('; ')}
              </p>
            )}
            {activeFilters.length > 0 && (
              <ul className="chips" aria-label="Active filters">
                {activeFilters.map(({ name, value }) => (
                  <li key={`${name}:${value}`}>
                    <button type="button" onClick={() => toggle(name, value)} aria-label={`Remove filter ${value}`}>
                      {facetTitles[name]}: {labelFor(search, name, value)} ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {search.edges.length === 0 ? (
              <Empty>Nothing matches. Try fewer words, another spelling, or remove a filter.</Empty>
            ) : (
              <ol className="hits">
                {search.edges.map(({ node: hit }) => (
                  <li key={hit.id} className="hit">
                    <p className="hit-meta">
                      <span className={`badge kind-${hit.kind}`}>{hit.kind}</span>
                      {hit.instrument.countries.map((country) => country.label).join(', ')}
                      {hit.instrument.date && ` · ${hit.instrument.date}`}
                      {hit.instrument.status && ` · ${statusLabel(hit.instrument.status)}`}
                    </p>
                    <h2 className="hit-title">
                      <Link to={hitPath(hit)}>
                        <Highlighted value={hit.title} />
                      </Link>
                    </h2>
                    {hit.kind !== 'Instrument' && <p className="hit-source">in {hit.instrument.title}</p>}
                    <p className="snippet">
                      {hit.node.speaker && <span className="muted">{hit.node.speaker.label}: </span>}
                      <Highlighted value={hit.snippet} />
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {(state.page > 1 || search.pageInfo.hasNextPage) && (
              <nav className="pager" aria-label="Pages">
                <button type="button" disabled={state.page <= 1} onClick={() => update({ page: state.page - 1 })}>
                  ← Previous
                </button>
                <span>
                  Page {state.page} of {Math.max(1, Math.ceil(search.total / PAGE_SIZE))}
                </span>
                <button
                  type="button"
                  disabled={!search.pageInfo.hasNextPage}
                  onClick={() => update({ page: state.page + 1 })}
                >
                  Next →
                </button>
              </nav>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function labelFor(search: SearchData['search'], name: FacetParam, value: string): string {
  return search.facets[facetSource[name]].find((count) => count.value === value)?.label ?? value;
}

const examples = ['data localization', 'critical information infrastructure', 'cybercrime', 'an ninh mạng', '个人信息'];

function Intro({ onPick }: { onPick: (query: string) => void }) {
  return (
    <div className="intro">
      <p>
        Find the exact provision, its date, status and official source in the laws, agreements and speeches of China and
        the ten ASEAN states. Search works in English, Chinese, Vietnamese, Thai, Indonesian and Malay.
      </p>
      <p>Try:</p>
      <ul className="chips">
        {examples.map((example) => (
          <li key={example}>
            <button type="button" onClick={() => onPick(example)}>
              {example}
            </button>
          </li>
        ))}
      </ul>
      <p>
        Or <Link to="/compare">compare countries theme by theme</Link>, <Link to="/graph">trace connections</Link> or
        browse the <Link to="/timeline">timeline</Link>.
      </p>
    </div>
  );
}
