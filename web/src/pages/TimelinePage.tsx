/** Enactments and events over time, by country and theme: how policies spread across the region. */
import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import { themeIdOf } from '../../../server/domain/themes.js';
import { CheckList } from '../components/CheckList.js';
import { DiffusionView } from '../components/DiffusionView.js';
import { LocalTitle } from '../components/LocalTitle.js';
import { Empty, ErrorState, Loading, QueryState } from '../components/States.js';
import { YearRange } from '../components/YearRange.js';
import { countryName, formatDate, kindLabel, namesList, yearOf } from '../lib/format.js';
import { graphPath, href, instrumentPath, Link, listParam, navigate, useLocation } from '../lib/router.js';
import { countryChecks, themeChecks, useVocabulary } from '../lib/vocabulary.js';

const TimelineChart = lazy(() => import('../charts/TimelineChart.js'));

const TIMELINE = `query Timeline($countries: [String!], $themes: [ID!], $from: String, $to: String, $first: Int, $after: String) {
  timeline(countries: $countries, themes: $themes, from: $from, to: $to, first: $first, after: $after) {
    total
    pageInfo { hasNextPage endCursor }
    entries { date countries { code label } node { id kind label ... on Instrument { instrumentKind titleLocal } } }
  }
}`;

interface Entry {
  date: string;
  countries: { code: string; label: string }[];
  node: { id: string; kind: string; label: string; instrumentKind?: string; titleLocal?: string | null };
}

interface TimelineSlice {
  total: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  entries: Entry[];
}

/** The oldest entry's date: where the years slider starts. */
const TIMELINE_START = `{ timeline(first: 1) { entries { date } } }`;

/** Entries per request; "Load all" asks for the rest at once, up to the API's largest page. */
const PAGE = 100;
const LARGEST_PAGE = 500;

/** The pages loaded after the first, for one set of filters (`key`). */
interface More {
  key: string;
  pages: TimelineSlice[];
  loading: boolean;
  error?: Error;
}

export function TimelinePage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const countries = listParam(params, 'countries');
  const themes = listParam(params, 'themes');
  const { result: vocabulary, retry: retryVocabulary } = useVocabulary();
  const [start] = useQuery<{ timeline: { entries: { date: string }[] } }>({ query: TIMELINE_START });
  const lastYear = new Date().getFullYear();
  const firstYear = yearOf(start.data?.timeline.entries[0]?.date) ?? lastYear;
  const from = yearParam(params, 'from');
  const to = yearParam(params, 'to');
  const filters = {
    countries: countries.length ? countries : null,
    themes: themes.length ? themes : null,
    from: from === undefined ? null : String(from),
    to: to === undefined ? null : String(to),
  };
  const key = JSON.stringify(filters);
  // A link may name the theme without its `theme:` prefix; the picker's options carry it.
  const spreadParam = params.get('spread') ?? themes[0];
  const spread = spreadParam && themeIdOf(spreadParam);
  const [result, reexecute] = useQuery<{ timeline: TimelineSlice }>({
    query: TIMELINE,
    variables: { ...filters, first: PAGE },
  });
  const client = useClient();
  const [more, setMore] = useState<More>({ key, pages: [], loading: false });
  const current = more.key === key ? more : { key, pages: [], loading: false };
  // Read from the URL each time, not from this render: the years slider reports its span after it rests.
  const set = useCallback(
    (next: { countries?: string[]; themes?: string[]; from?: number; to?: number; spread?: string }) => {
      const now = new URLSearchParams(window.location.search);
      const keep = (name: 'countries' | 'themes' | 'from' | 'to' | 'spread') =>
        name in next ? next[name] : (now.get(name) ?? undefined);
      navigate(
        href('/timeline', {
          countries: keep('countries'),
          themes: keep('themes'),
          from: keep('from'),
          to: keep('to'),
          spread: keep('spread'),
        }),
        { replace: true },
      );
    },
    [],
  );

  // The whole span is no filter: the URL stays clean.
  const onYears = useCallback(
    (nextFrom: number, nextTo: number) =>
      set({
        from: nextFrom > firstYear ? nextFrom : undefined,
        to: nextTo < lastYear ? nextTo : undefined,
      }),
    [set, firstYear, lastYear],
  );

  const first = result.data?.timeline;
  const pages = first ? [first, ...current.pages] : [];
  const last = pages.at(-1);
  const entries = pages.flatMap((page) => page.entries);
  const loadMore = async (count: number) => {
    if (!last?.pageInfo.hasNextPage || current.loading) return;
    setMore({ ...current, loading: true, error: undefined });
    const answer = await client
      .query<{ timeline: TimelineSlice }>(TIMELINE, { ...filters, first: count, after: last.pageInfo.endCursor })
      .toPromise();
    setMore((previous) => {
      if (previous.key !== key) return previous;
      if (answer.error || !answer.data) return { ...previous, loading: false, error: answer.error };
      return { key, pages: [...previous.pages, answer.data.timeline], loading: false };
    });
  };

  return (
    <section className="timeline-page">
      <h1>{t('timeline.title')}</h1>
      <p className="muted">{t('timeline.lede')}</p>
      <QueryState result={vocabulary} retry={retryVocabulary} what={t('timeline.loadingFilters')}>
        {(data) => (
          <form className="timeline-filters" onSubmit={(event) => event.preventDefault()}>
            <details className="filter-set" open>
              <summary>
                {t('timeline.countries')}
                {countries.length > 0 && (
                  <span className="muted small">{t('timeline.chosen', { count: countries.length })}</span>
                )}
              </summary>
              <fieldset>
                <legend className="visually-hidden">{t('timeline.countries')}</legend>
                <CheckList
                  name="country"
                  items={countryChecks(data.countries)}
                  chosen={countries}
                  onChange={(next) => set({ countries: next })}
                />
              </fieldset>
            </details>
            <details className="filter-set">
              <summary>
                {t('timeline.themes')}
                {themes.length > 0 && (
                  <span className="muted small">{t('timeline.chosen', { count: themes.length })}</span>
                )}
              </summary>
              <fieldset>
                <legend className="visually-hidden">{t('timeline.themes')}</legend>
                <CheckList
                  name="theme"
                  items={themeChecks(data.themes)}
                  chosen={themes}
                  onChange={(next) => set({ themes: next })}
                />
              </fieldset>
            </details>
            <YearRange min={firstYear} max={lastYear} from={from ?? firstYear} to={to ?? lastYear} onChange={onYears} />
            {(countries.length > 0 || themes.length > 0 || from !== undefined || to !== undefined) && (
              <button type="button" onClick={() => set({ countries: [], themes: [], from: undefined, to: undefined })}>
                {t('timeline.clear')}
              </button>
            )}
          </form>
        )}
      </QueryState>
      {vocabulary.data && (
        <DiffusionView
          themes={vocabulary.data.themes}
          theme={spread ?? vocabulary.data.themes.find((theme) => !theme.parent)?.id ?? ''}
          onTheme={(theme) => set({ spread: theme })}
        />
      )}

      {result.error && !result.data ? (
        <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !first ? (
        <Loading what={t('timeline.loading')} />
      ) : entries.length === 0 ? (
        <Empty>{t('timeline.nothing')}</Empty>
      ) : (
        <>
          <TimelineView entries={entries} total={first.total} only={countries} />
          {current.error && <ErrorState error={current.error} retry={() => loadMore(PAGE)} />}
          {last?.pageInfo.hasNextPage && (
            <div className="actions load-more">
              <button type="button" disabled={current.loading} onClick={() => loadMore(PAGE)}>
                {current.loading
                  ? t('timeline.loadingMore')
                  : t('timeline.loadMore', { count: Math.min(PAGE, first.total - entries.length) })}
              </button>
              {first.total - entries.length > PAGE && (
                <button
                  type="button"
                  disabled={current.loading}
                  onClick={() => loadMore(Math.min(LARGEST_PAGE, first.total - entries.length))}
                >
                  {t('timeline.loadAll', { count: first.total - entries.length })}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** A year from the URL, or undefined when it is missing or not a year. */
function yearParam(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  return value && /^\d{4}$/.test(value) ? Number(value) : undefined;
}

function entryPath(entry: Entry): string {
  return entry.node.kind === 'Instrument' ? instrumentPath(entry.node.id) : graphPath(entry.node.id);
}

function TimelineView({ entries, total, only }: { entries: Entry[]; total: number; only: string[] }) {
  const { t } = useTranslation();
  // A regional agreement lists every party; with a country filter only the chosen countries get a lane.
  const laneIds = [...new Set(entries.flatMap((entry) => entry.countries.map((country) => country.code)))].filter(
    (code) => only.length === 0 || only.includes(code),
  );
  const labels = new Map(
    entries.flatMap((entry) => entry.countries.map((country) => [country.code, countryName(country)])),
  );
  const byYear = new Map<string, Entry[]>();
  for (const entry of entries) {
    const year = entry.date.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), entry]);
  }
  return (
    <>
      <p className="summary" role="status">
        {total > entries.length
          ? t('timeline.firstOf', { count: entries.length, total })
          : t('timeline.all', { total })}
      </p>
      <Suspense fallback={<Loading what={t('timeline.drawing')} />}>
        <TimelineChart
          caption={t('timeline.chartCaption')}
          lanes={laneIds.sort().map((code) => ({ id: code, label: labels.get(code) ?? code }))}
          points={entries.flatMap((entry) =>
            entry.countries.map((country) => ({
              id: entry.node.id,
              date: entry.date,
              label: entry.node.label,
              lane: country.code,
              kind: entry.node.instrumentKind ?? entry.node.kind,
            })),
          )}
          onSelect={(id) => {
            const entry = entries.find((candidate) => candidate.node.id === id);
            if (entry) navigate(entryPath(entry));
          }}
        />
      </Suspense>
      <ol className="years">
        {[...byYear].map(([year, yearEntries]) => (
          <li key={year}>
            <h2>{year}</h2>
            <ul className="plain-list">
              {yearEntries.map((entry) => (
                <li key={entry.node.id}>
                  <time className="date" dateTime={entry.date}>
                    {formatDate(entry.date)}
                  </time>{' '}
                  <Link to={entryPath(entry)}>{entry.node.label}</Link>
                  <LocalTitle title={entry.node.titleLocal} />{' '}
                  <span className="muted small">
                    {kindLabel(entry.node.instrumentKind ?? entry.node.kind)} ·{' '}
                    {entry.countries.length > 3
                      ? t('timeline.countriesCount', { count: entry.countries.length })
                      : namesList(entry.countries.map(countryName))}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </>
  );
}
