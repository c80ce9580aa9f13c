/**
 * Search as you type, with facets, highlighted snippets, sorting, grouping and pagination; all of it in the URL.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { ExportLinks } from '../components/ExportLinks.js';
import { SearchHitItem } from '../components/SearchHit.js';
import { Empty, ErrorState, Loading } from '../components/States.js';
import { countryName, instrumentKindLabel, kindLabel, listOf, statusLabel, themeName } from '../lib/format.js';
import { href, Link, listParam, navigate, useLocation } from '../lib/router.js';
import { HIT_FIELDS, type SearchHit } from '../lib/search.js';
import { useDebounced } from '../lib/useDebounced.js';

const PAGE_SIZE = 20;

/** On a phone the filters start folded so the results come first. */
const wideScreen = () => window.matchMedia('(min-width: 801px)').matches;

const SEARCH = `query Search(
  $query: String!, $filter: SearchFilter, $sort: SearchSort, $groupBy: SearchGrouping, $first: Int, $after: String
) {
  search(query: $query, filter: $filter, sort: $sort, groupBy: $groupBy, first: $first, after: $after) {
    total
    pageInfo { hasNextPage }
    expansions { term matched kind }
    leftOut
    facets {
      kind { value label count }
      country { value label count }
      instrumentKind { value label count }
      theme { value label count }
      status { value label count }
      year { value label count }
    }
    edges { cursor node { ...HitFields matches { ...HitFields } } }
  }
}
${HIT_FIELDS}`;

interface FacetCount {
  value: string;
  label: string;
  count: number;
}
interface SearchData {
  search: {
    total: number;
    pageInfo: { hasNextPage: boolean };
    expansions: { term: string; matched: string[]; kind: string }[];
    leftOut: string[];
    facets: Record<'kind' | 'country' | 'instrumentKind' | 'theme' | 'status' | 'year', FacetCount[]>;
    edges: { cursor: string; node: SearchHit }[];
  };
}

interface SearchState {
  q: string;
  type: string[];
  country: string[];
  kind: string[];
  theme: string[];
  status: string[];
  year: string[];
  sort: string;
  group: Grouping;
  page: number;
}

type Grouping = 'INSTRUMENT' | 'NONE';

const facetParams = ['type', 'country', 'kind', 'theme', 'status', 'year'] as const;
type FacetParam = (typeof facetParams)[number];

function readState(params: URLSearchParams): SearchState {
  return {
    q: params.get('q') ?? '',
    type: listParam(params, 'type'),
    country: listParam(params, 'country'),
    kind: listParam(params, 'kind'),
    theme: listParam(params, 'theme'),
    status: listParam(params, 'status'),
    year: listParam(params, 'year'),
    sort: params.get('sort') ?? 'RELEVANCE',
    group: params.get('group') === 'none' ? 'NONE' : 'INSTRUMENT',
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
    status: state.status,
    year: state.year,
    sort: state.sort === 'RELEVANCE' ? undefined : state.sort,
    group: state.group === 'NONE' ? 'none' : undefined,
    page: state.page > 1 ? state.page : undefined,
  });
}

/** The server's cursors are offsets; a page number in the URL keeps links short and readable. */
const cursorBefore = (page: number) =>
  page > 1 ? btoa(`offset:${(page - 1) * PAGE_SIZE - 1}`).replace(/=+$/, '') : null;

const facetSource: Record<FacetParam, keyof SearchData['search']['facets']> = {
  type: 'kind',
  country: 'country',
  kind: 'instrumentKind',
  theme: 'theme',
  status: 'status',
  year: 'year',
};
const IN_FORCE = 'in_force';

function facetLabel(name: FacetParam, count: FacetCount): string {
  if (name === 'type') return kindLabel(count.value);
  if (name === 'kind') return instrumentKindLabel(count.value);
  if (name === 'status') return statusLabel(count.value);
  if (name === 'country') return countryName({ code: count.value, label: count.label });
  if (name === 'theme') return themeName({ id: count.value, label: count.label });
  return count.label;
}

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
  const { t } = useTranslation();
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
      <legend>{t(`search.facet.${name}`)}</legend>
      {visible.map((count) => (
        <label key={count.value} className="check">
          <input
            type="checkbox"
            checked={selected.includes(count.value)}
            onChange={() => onToggle(count.value)}
            name={name}
            value={count.value}
          />
          <span>{facetLabel(name, count)}</span>
          <span className="count">{count.count}</span>
        </label>
      ))}
      {shownCounts.length > limit && (
        <button type="button" className="link" onClick={() => setExpanded(!expanded)}>
          {expanded ? t('search.showFewer') : t('search.showAll', { count: shownCounts.length })}
        </button>
      )}
    </fieldset>
  );
}

export function SearchPage() {
  const { t } = useTranslation();
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
    ...(state.status.length ? { statuses: state.status } : {}),
    ...(years.length ? { yearFrom: Math.min(...years), yearTo: Math.max(...years) } : {}),
  };
  const [result, reexecute] = useQuery<SearchData>({
    query: SEARCH,
    variables: {
      query: state.q,
      filter,
      sort: state.sort,
      groupBy: state.group,
      first: PAGE_SIZE,
      after: cursorBefore(state.page),
    },
    pause: state.q.trim() === '',
  });
  const retry = () => reexecute({ requestPolicy: 'network-only' });
  const search = result.data?.search;
  const activeFilters = facetParams.flatMap((name) => state[name].map((value) => ({ name, value })));
  const inForceOnly = state.status.length === 1 && state.status[0] === IN_FORCE;
  const hits = search?.edges.map((edge) => edge.node) ?? [];
  // Hits with every word come first; the left-out words explain only those after them.
  const firstPartial = search?.leftOut.length ? hits.findIndex((hit) => !hit.allWords) : -1;
  const leftOut = search ? listOf(search.leftOut.map((word) => `‘${word}’`)) : '';
  // Completions of the last word are what typing it asks for; only typo corrections are worth pointing out.
  const corrections = search?.expansions.filter((expansion) => expansion.kind === 'typo') ?? [];

  return (
    <section className="search-page">
      <h1 className="visually-hidden">{t('search.title')}</h1>
      <search className="search-box">
        <form onSubmit={(event) => event.preventDefault()}>
          <label htmlFor={inputId}>{t('search.label')}</label>
          <div className="search-row">
            <input
              id={inputId}
              type="search"
              value={text}
              onChange={(event) => setText(event.target.value)}
              placeholder={t('search.placeholder')}
              autoComplete="off"
              // biome-ignore lint/a11y/noAutofocus: the search box is the page's one purpose
              autoFocus
            />
            <label className="inline">
              <span>{t('search.sort')}</span>
              <select value={state.sort} onChange={(event) => update({ sort: event.target.value })}>
                <option value="RELEVANCE">{t('search.sortRelevance')}</option>
                <option value="DATE_DESC">{t('search.sortNewest')}</option>
                <option value="DATE_ASC">{t('search.sortOldest')}</option>
              </select>
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={inForceOnly}
                onChange={() => update({ status: inForceOnly ? [] : [IN_FORCE] })}
              />
              <span>{t('search.inForceOnly')}</span>
            </label>
            <fieldset className="segmented">
              <legend className="visually-hidden">{t('search.results')}</legend>
              {groupings.map(([value, label]) => (
                <label key={value}>
                  <input
                    type="radio"
                    name="group"
                    value={value}
                    checked={state.group === value}
                    onChange={() => update({ group: value })}
                  />
                  <span>{t(label)}</span>
                </label>
              ))}
            </fieldset>
          </div>
        </form>
      </search>

      {state.q.trim() === '' ? (
        <Intro onPick={(query) => setText(query)} />
      ) : result.error && !search ? (
        <ErrorState error={result.error} retry={retry} />
      ) : !search ? (
        <Loading what={t('search.searching')} />
      ) : (
        <div className="search-layout">
          <aside className="facets" aria-label={t('search.filters')}>
            <details className="facet-toggle" open={wideScreen()}>
              <summary>
                {activeFilters.length > 0
                  ? t('search.filtersCount', { count: activeFilters.length })
                  : t('search.filters')}
              </summary>
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
              <Trans
                i18nKey={search.total === 0 ? 'search.noResults' : 'search.total'}
                count={search.total}
                components={{ query: <strong>{state.q}</strong> }}
              />
              {result.fetching && <span className="muted">{t('search.updating')}</span>}
            </p>
            {search.total > 0 && (
              <ExportLinks
                view="search"
                what={t('search.theseResults')}
                params={{
                  query: state.q,
                  country: state.country,
                  kind: state.type,
                  instrumentKind: state.kind,
                  theme: state.theme,
                  status: state.status,
                  yearFrom: years.length ? Math.min(...years) : undefined,
                  yearTo: years.length ? Math.max(...years) : undefined,
                  group: state.group === 'NONE' ? 'none' : undefined,
                }}
              />
            )}
            {corrections.length > 0 && (
              <p className="muted small">
                {t('search.typos')}{' '}
                {corrections.map((expansion) => `${expansion.term} → ${expansion.matched.join(', ')}`).join('; ')}
              </p>
            )}
            {activeFilters.length > 0 && (
              <ul className="chips" aria-label={t('search.activeFilters')}>
                {activeFilters.map(({ name, value }) => (
                  <li key={`${name}:${value}`}>
                    <button
                      type="button"
                      onClick={() => toggle(name, value)}
                      aria-label={t('search.removeFilter', { value })}
                    >
                      {t(`search.facet.${name}`)}: {labelFor(search, name, value)} ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {hits.length === 0 ? (
              <Empty>{t('search.nothing')}</Empty>
            ) : firstPartial === 0 && state.page === 1 ? (
              <>
                <p className="notice">{t('search.noneHasAll', { words: leftOut })}</p>
                <HitList hits={hits} countries={state.country} />
              </>
            ) : firstPartial >= 0 ? (
              <>
                <HitList hits={hits.slice(0, firstPartial)} countries={state.country} />
                <h2 className="divider">{t('search.without', { words: leftOut })}</h2>
                <HitList hits={hits.slice(firstPartial)} countries={state.country} />
              </>
            ) : (
              <HitList hits={hits} countries={state.country} />
            )}
            {(state.page > 1 || search.pageInfo.hasNextPage) && (
              <nav className="pager" aria-label={t('search.pages')}>
                <button type="button" disabled={state.page <= 1} onClick={() => update({ page: state.page - 1 })}>
                  {t('search.previous')}
                </button>
                <span>
                  {t('search.page', { page: state.page, pages: Math.max(1, Math.ceil(search.total / PAGE_SIZE)) })}
                </span>
                <button
                  type="button"
                  disabled={!search.pageInfo.hasNextPage}
                  onClick={() => update({ page: state.page + 1 })}
                >
                  {t('search.next')}
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
  const count = search.facets[facetSource[name]].find((candidate) => candidate.value === value);
  return facetLabel(name, count ?? { value, label: value, count: 0 });
}

const groupings = [
  ['INSTRUMENT', 'search.groupInstrument'],
  ['NONE', 'search.groupNone'],
] as const satisfies [Grouping, string][];

function HitList({ hits, countries }: { hits: SearchHit[]; countries: string[] }) {
  if (hits.length === 0) return null;
  return (
    <ol className="hits">
      {hits.map((hit) => (
        <SearchHitItem key={hit.id} hit={hit} countriesFirst={countries} />
      ))}
    </ol>
  );
}

const examples = ['data localization', 'critical information infrastructure', 'cybercrime', 'an ninh mạng', '个人信息'];

function Intro({ onPick }: { onPick: (query: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="intro">
      <p>{t('search.intro')}</p>
      <p>{t('search.try')}</p>
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
        <Trans
          i18nKey="search.more"
          components={{
            compare: <Link to="/compare" />,
            graph: <Link to="/graph" />,
            timeline: <Link to="/timeline" />,
          }}
        />
      </p>
    </div>
  );
}
