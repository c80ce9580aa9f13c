/** A country: its instruments over time, theme coverage, approach summaries, nearest peers and memberships. */
import { lazy, Suspense } from 'react';
import { useQuery } from 'urql';
import { SourceLink } from '../components/SourceLink.js';
import { Empty, ErrorState, Loading, QueryState } from '../components/States.js';
import { TextModeBadge } from '../components/TextMode.js';
import { capitalise, statusLabel } from '../lib/format.js';
import { countryPath, graphPath, href, instrumentPath, Link, navigate } from '../lib/router.js';
import { useVocabulary } from '../lib/vocabulary.js';

const CoverageChart = lazy(() => import('../charts/CoverageChart.js'));
const TimelineChart = lazy(() => import('../charts/TimelineChart.js'));

const COUNTRY = `query Country($code: String!) {
  country(code: $code) {
    id code label localNames asean
    approaches { theme { id label } coverage summary summaryMode sources instruments { id title } }
    instruments(first: 100) { total nodes { id title date instrumentKind status } }
    agreements { instrument { id title instrumentKind date } signed inForce source }
    memberships { id label }
    events { id label date }
    similar(first: 5) {
      country { code label } score
      agreements { ...SimilarityPoint }
      differences { ...SimilarityPoint }
    }
  }
  compare(countries: [$code]) { cells { theme { id label } count approach { coverage } } }
}
fragment SimilarityPoint on SimilarityPoint {
  theme { id } sentence firstInstruments { id title } otherInstruments { id title }
}`;

interface Named {
  id: string;
  label: string;
}
interface CountryData {
  country: {
    id: string;
    code: string;
    label: string;
    localNames: string[];
    asean: boolean;
    approaches: {
      theme: Named;
      coverage: string;
      summary: string;
      summaryMode: string;
      sources: string[];
      instruments: { id: string; title: string }[];
    }[];
    instruments: {
      total: number;
      nodes: { id: string; title: string; date: string | null; instrumentKind: string; status: string | null }[];
    };
    agreements: {
      instrument: { id: string; title: string; instrumentKind: string; date: string | null };
      signed: string | null;
      inForce: string | null;
      source: string | null;
    }[];
    memberships: Named[];
    events: (Named & { date: string | null })[];
    similar: {
      country: { code: string; label: string };
      score: number;
      agreements: SimilarityPoint[];
      differences: SimilarityPoint[];
    }[];
  } | null;
  compare: { cells: { theme: Named; count: number; approach: { coverage: string } | null }[] };
}

interface SimilarityPoint {
  theme: { id: string };
  sentence: string;
  firstInstruments: { id: string; title: string }[];
  otherInstruments: { id: string; title: string }[];
}

/** Points shown before "all agreements and differences" is opened. */
const POINTS_SHOWN = 3;

const coverageLabels: Record<string, string> = {
  instrument: 'Has an instrument',
  draft_only: 'Draft only',
  no_instrument: 'No instrument',
};

export function CountryPage({ code }: { code: string }) {
  if (!code) return <CountryIndex />;
  return <CountryProfile code={code} />;
}

function CountryIndex() {
  const { result, retry } = useVocabulary();
  return (
    <section>
      <h1>Countries</h1>
      <QueryState result={result} retry={retry} what="Loading countries">
        {(data) => (
          <ul className="country-grid">
            {data.countries.map((country) => (
              <li key={country.code}>
                <Link to={countryPath(country.code)}>{country.label}</Link>
                <span className="muted small">{country.asean ? ' ASEAN member' : ''}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

function CountryProfile({ code }: { code: string }) {
  const [result, reexecute] = useQuery<CountryData>({ query: COUNTRY, variables: { code } });
  const retry = () => reexecute({ requestPolicy: 'network-only' });
  if (result.error && !result.data?.country) {
    const notFound = result.error.graphQLErrors.some((error) => error.extensions?.code === 'NOT_FOUND');
    if (notFound)
      return (
        <Empty>
          No country has the code <code>{code}</code>. <Link to="/country">See all countries</Link>.
        </Empty>
      );
    return <ErrorState error={result.error} retry={retry} />;
  }
  if (!result.data?.country) return <Loading what="Loading the country profile" />;
  const { country, compare } = result.data;
  const instruments = country.instruments.nodes;

  return (
    <article className="country">
      <p className="eyebrow">{country.asean ? 'ASEAN member state' : 'Dialogue partner of ASEAN'}</p>
      <h1>{country.label}</h1>
      {country.localNames.length > 0 && <p className="title-local">{country.localNames.join(' · ')}</p>}
      <div className="actions">
        <Link to={href('/compare', { countries: [country.code] })} className="button">
          Compare with others
        </Link>
        <Link to={href('/timeline', { countries: [country.code] })} className="button">
          Timeline
        </Link>
        <Link to={graphPath(country.id)} className="button">
          Show in graph
        </Link>
      </div>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Instruments over time ({country.instruments.total})</h2>
        {instruments.length === 0 ? (
          <Empty>No instruments are recorded for {country.label}.</Empty>
        ) : (
          <>
            <Suspense fallback={<Loading what="Drawing the timeline" />}>
              <TimelineChart
                caption={`Instruments enacted by ${country.label}, by year and kind`}
                lanes={[...new Set(instruments.map((instrument) => instrument.instrumentKind))].map((kind) => ({
                  id: kind,
                  label: capitalise(kind),
                }))}
                points={instruments.flatMap((instrument) =>
                  instrument.date
                    ? [
                        {
                          id: instrument.id,
                          date: instrument.date,
                          label: instrument.title,
                          lane: instrument.instrumentKind,
                          kind: instrument.instrumentKind,
                        },
                      ]
                    : [],
                )}
                onSelect={(id) => navigate(instrumentPath(id))}
              />
            </Suspense>
            <details>
              <summary>List all {instruments.length} instruments</summary>
              <ul className="plain-list">
                {instruments.map((instrument) => (
                  <li key={instrument.id}>
                    <span className="date">{instrument.date ?? 'undated'}</span>{' '}
                    <Link to={instrumentPath(instrument.id)}>{instrument.title}</Link>{' '}
                    <span className="muted small">
                      {capitalise(instrument.instrumentKind)}
                      {instrument.status && ` · ${statusLabel(instrument.status)}`}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          </>
        )}
      </section>

      <section aria-labelledby="coverage-heading">
        <h2 id="coverage-heading">Coverage of the themes</h2>
        <Suspense fallback={<Loading what="Drawing the chart" />}>
          <CoverageChart
            country={country.label}
            rows={compare.cells.map((cell) => ({
              themeId: cell.theme.id,
              label: cell.theme.label,
              count: cell.count,
              coverage: cell.approach?.coverage ?? null,
            }))}
          />
        </Suspense>
      </section>

      <section aria-labelledby="approach-heading">
        <h2 id="approach-heading">Approach by theme</h2>
        {country.approaches.length === 0 ? (
          <Empty>No curated approach summaries yet.</Empty>
        ) : (
          country.approaches.map((approach) => (
            <details key={approach.theme.id} className="approach">
              <summary>
                <strong>{approach.theme.label}</strong>{' '}
                <span className={`badge coverage-${approach.coverage}`}>{coverageLabels[approach.coverage]}</span>
              </summary>
              <p className="prose">
                {approach.summary} <TextModeBadge mode={approach.summaryMode} />
              </p>
              {approach.instruments.length > 0 && (
                <p className="small">
                  Instruments:{' '}
                  {approach.instruments.map((instrument, index) => (
                    <span key={instrument.id}>
                      {index > 0 && '; '}
                      <Link to={instrumentPath(instrument.id)}>{instrument.title}</Link>
                    </span>
                  ))}
                </p>
              )}
              {approach.sources.length > 0 && (
                <p className="small">
                  Sources:{' '}
                  {approach.sources.map((source, index) => (
                    <span key={source}>
                      {index > 0 && ' · '}
                      <SourceLink url={source} prefix="" />
                    </span>
                  ))}
                </p>
              )}
            </details>
          ))
        )}
      </section>

      <section aria-labelledby="similar-heading">
        <h2 id="similar-heading">Most similar approaches</h2>
        {country.similar.length === 0 ? (
          <Empty>Not enough data to compare {country.label} with others.</Empty>
        ) : (
          <ol className="similar">
            {country.similar.map((similar) => (
              <li key={similar.country.code}>
                <p>
                  <Link to={countryPath(similar.country.code)}>{similar.country.label}</Link>{' '}
                  <span
                    className="score"
                    title="How alike the judgements on every theme and sub-theme (60 %), the kinds of instrument (25 %) and the timing (15 %), 0 to 1"
                  >
                    likeness {similar.score.toFixed(2)}
                  </span>{' '}
                  <Link to={href('/compare', { countries: [country.code, similar.country.code] })} className="small">
                    compare
                  </Link>
                </p>
                <p className="small muted">
                  Agree on {similar.agreements.length} themes, differ on {similar.differences.length}.
                </p>
                <PointList heading="Where they agree" points={similar.agreements.slice(0, POINTS_SHOWN)} />
                <PointList heading="Where they differ" points={similar.differences.slice(0, POINTS_SHOWN)} />
                {similar.agreements.length + similar.differences.length > 2 * POINTS_SHOWN && (
                  <details>
                    <summary>
                      All {similar.agreements.length} agreements and {similar.differences.length} differences
                    </summary>
                    <PointList heading="Where they agree" points={similar.agreements} />
                    <PointList heading="Where they differ" points={similar.differences} />
                  </details>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="forums-heading">
        <h2 id="forums-heading">Forums and agreements</h2>
        {country.memberships.length > 0 && (
          <p>
            Member of{' '}
            {country.memberships.map((organization, index) => (
              <span key={organization.id}>
                {index > 0 && ', '}
                <Link to={graphPath(organization.id)}>{organization.label}</Link>
              </span>
            ))}
            .
          </p>
        )}
        {country.agreements.length === 0 ? (
          <Empty>No agreements recorded.</Empty>
        ) : (
          <ul className="plain-list">
            {country.agreements.map((agreement) => (
              <li key={agreement.instrument.id}>
                <Link to={instrumentPath(agreement.instrument.id)}>{agreement.instrument.title}</Link>{' '}
                <span className="muted small">
                  {capitalise(agreement.instrument.instrumentKind)}
                  {agreement.signed && ` · signed ${agreement.signed}`}
                  {agreement.inForce && ` · in force ${agreement.inForce}`}
                </span>
              </li>
            ))}
          </ul>
        )}
        {country.events.length > 0 && (
          <>
            <h3>Events</h3>
            <ul className="plain-list">
              {country.events.map((event) => (
                <li key={event.id}>
                  <span className="date">{event.date ?? 'undated'}</span>{' '}
                  <Link to={graphPath(event.id)}>{event.label}</Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </article>
  );
}

/** Similarity points, each a sentence with its evidence: the oldest instrument on each side, linked. */
function PointList({ heading, points }: { heading: string; points: SimilarityPoint[] }) {
  if (points.length === 0) return null;
  return (
    <>
      <h3 className="cell-heading">{heading}</h3>
      <ul className="similarity-points">
        {points.map((point) => {
          const evidence = [point.firstInstruments[0], point.otherInstruments[0]].flatMap((instrument) =>
            instrument ? [instrument] : [],
          );
          return (
            <li key={point.theme.id}>
              {point.sentence}
              {evidence.length > 0 && (
                <span className="small">
                  {' '}
                  Evidence:{' '}
                  {evidence.map((instrument, index) => (
                    <span key={instrument.id}>
                      {index > 0 && ' · '}
                      <Link to={instrumentPath(instrument.id)}>{instrument.title}</Link>
                    </span>
                  ))}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
