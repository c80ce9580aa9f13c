/** Enactments and events over time, by country and theme: how policies spread across the region. */
import { lazy, Suspense } from 'react';
import { useQuery } from 'urql';
import { Empty, ErrorState, Loading, QueryState } from '../components/States.js';
import { capitalise } from '../lib/format.js';
import { graphPath, href, instrumentPath, Link, listParam, navigate, useLocation } from '../lib/router.js';
import { orderedThemes, useVocabulary } from '../lib/vocabulary.js';

const TimelineChart = lazy(() => import('../charts/TimelineChart.js'));

const TIMELINE = `query Timeline($countries: [String!], $themes: [ID!], $first: Int) {
  timeline(countries: $countries, themes: $themes, first: $first) {
    total
    pageInfo { hasNextPage }
    entries { date countries { code label } node { id kind label ... on Instrument { instrumentKind } } }
  }
}`;

interface Entry {
  date: string;
  countries: { code: string; label: string }[];
  node: { id: string; kind: string; label: string; instrumentKind?: string };
}

/** The API's largest page; the summary says when there is more than one. */
const PAGE = 100;

export function TimelinePage() {
  const { params } = useLocation();
  const countries = listParam(params, 'countries');
  const themes = listParam(params, 'themes');
  const { result: vocabulary, retry: retryVocabulary } = useVocabulary();
  const [result, reexecute] = useQuery<{
    timeline: { total: number; pageInfo: { hasNextPage: boolean }; entries: Entry[] };
  }>({
    query: TIMELINE,
    variables: { countries: countries.length ? countries : null, themes: themes.length ? themes : null, first: PAGE },
  });
  const set = (next: { countries?: string[]; themes?: string[] }) =>
    navigate(href('/timeline', { countries: next.countries ?? countries, themes: next.themes ?? themes }), {
      replace: true,
    });

  return (
    <section className="timeline-page">
      <h1>Timeline</h1>
      <p className="muted">Laws, agreements, speeches and forums in date order. Filter to see how a theme spread.</p>
      <QueryState result={vocabulary} retry={retryVocabulary} what="Loading filters">
        {(data) => (
          <form className="filters-row" onSubmit={(event) => event.preventDefault()}>
            <label>
              <span>Countries</span>
              <select
                multiple
                size={6}
                value={countries}
                onChange={(event) =>
                  set({ countries: [...event.target.selectedOptions].map((option) => option.value) })
                }
              >
                {data.countries.map((country) => (
                  <option key={country.code} value={country.code}>
                    {country.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>Themes</span>
              <select
                multiple
                size={6}
                value={themes}
                onChange={(event) => set({ themes: [...event.target.selectedOptions].map((option) => option.value) })}
              >
                {orderedThemes(data.themes).map((theme) => (
                  <option key={theme.id} value={theme.id}>
                    {theme.depth ? '— ' : ''}
                    {theme.label}
                  </option>
                ))}
              </select>
            </label>
            {(countries.length > 0 || themes.length > 0) && (
              <button type="button" onClick={() => set({ countries: [], themes: [] })}>
                Clear filters
              </button>
            )}
          </form>
        )}
      </QueryState>

      {result.error && !result.data ? (
        <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !result.data ? (
        <Loading what="Loading the timeline" />
      ) : result.data.timeline.entries.length === 0 ? (
        <Empty>Nothing dated matches these filters.</Empty>
      ) : (
        <TimelineView entries={result.data.timeline.entries} total={result.data.timeline.total} only={countries} />
      )}
    </section>
  );
}

function entryPath(entry: Entry): string {
  return entry.node.kind === 'Instrument' ? instrumentPath(entry.node.id) : graphPath(entry.node.id);
}

function TimelineView({ entries, total, only }: { entries: Entry[]; total: number; only: string[] }) {
  // A regional agreement lists every party; with a country filter only the chosen countries get a lane.
  const laneIds = [...new Set(entries.flatMap((entry) => entry.countries.map((country) => country.code)))].filter(
    (code) => only.length === 0 || only.includes(code),
  );
  const labels = new Map(entries.flatMap((entry) => entry.countries.map((country) => [country.code, country.label])));
  const byYear = new Map<string, Entry[]>();
  for (const entry of entries) {
    const year = entry.date.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), entry]);
  }
  return (
    <>
      <p className="summary" role="status">
        {total > entries.length ? `The first ${entries.length} of ${total} entries` : `${total} entries`}
      </p>
      <Suspense fallback={<Loading what="Drawing the timeline" />}>
        <TimelineChart
          caption="Each dot is an instrument or event; regional ones appear in every party's lane"
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
                  <span className="date">{entry.date}</span> <Link to={entryPath(entry)}>{entry.node.label}</Link>{' '}
                  <span className="muted small">
                    {capitalise(entry.node.instrumentKind ?? entry.node.kind)} ·{' '}
                    {entry.countries.length > 3
                      ? `${entry.countries.length} countries`
                      : entry.countries.map((country) => country.label).join(', ')}
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
