/** A country: its instruments over time, theme coverage, approach summaries, nearest peers and memberships. */
import { lazy, Suspense } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { InstrumentLinks } from '../components/InstrumentLinks.js';
import { LocalTitle } from '../components/LocalTitle.js';
import { SourceLink } from '../components/SourceLink.js';
import { Empty, ErrorState, Loading, QueryState } from '../components/States.js';
import { TextModeBadge } from '../components/TextMode.js';
import { countryName, formatDate, formatScore, instrumentKindLabel, statusLabel, themeName } from '../lib/format.js';
import { countryPath, graphPath, href, instrumentPath, Link, navigate } from '../lib/router.js';
import { pointSentence, SIMILARITY_POINT, type SimilarityPoint } from '../lib/similarity.js';
import { useVocabulary } from '../lib/vocabulary.js';

const CoverageChart = lazy(() => import('../charts/CoverageChart.js'));
const TimelineChart = lazy(() => import('../charts/TimelineChart.js'));

const COUNTRY = `query Country($code: String!) {
  country(code: $code) {
    id code label localNames asean
    approaches { theme { id label } coverage label summary summaryMode sources instruments { id title } }
    instruments(first: 100) { total nodes { id title titleLocal date instrumentKind status } }
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
${SIMILARITY_POINT}`;

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
      label: string | null;
      summary: string;
      summaryMode: string;
      sources: string[];
      instruments: { id: string; title: string }[];
    }[];
    instruments: {
      total: number;
      nodes: {
        id: string;
        title: string;
        titleLocal: string | null;
        date: string | null;
        instrumentKind: string;
        status: string | null;
      }[];
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

/** Points shown before "all agreements and differences" is opened. */
const POINTS_SHOWN = 3;

const coverages = ['instrument', 'draft_only', 'no_instrument'] as const;
const isCoverage = (coverage: string): coverage is (typeof coverages)[number] =>
  (coverages as readonly string[]).includes(coverage);

export function CountryPage({ code }: { code: string }) {
  if (!code) return <CountryIndex />;
  return <CountryProfile code={code} />;
}

function CountryIndex() {
  const { t } = useTranslation();
  const { result, retry } = useVocabulary();
  return (
    <section>
      <h1>{t('country.title')}</h1>
      <QueryState result={result} retry={retry} what={t('country.loadingAll')}>
        {(data) => (
          <ul className="country-grid">
            {data.countries.map((country) => (
              <li key={country.code}>
                <Link to={countryPath(country.code)}>{countryName(country)}</Link>
                <span className="muted small">{country.asean ? t('country.aseanMember') : ''}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

function CountryProfile({ code }: { code: string }) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery<CountryData>({ query: COUNTRY, variables: { code } });
  const retry = () => reexecute({ requestPolicy: 'network-only' });
  if (result.error && !result.data?.country) {
    const notFound = result.error.graphQLErrors.some((error) => error.extensions?.code === 'NOT_FOUND');
    if (notFound)
      return (
        <Empty>
          <Trans i18nKey="country.missing" components={{ code: <code>{code}</code>, all: <Link to="/country" /> }} />
        </Empty>
      );
    return <ErrorState error={result.error} retry={retry} />;
  }
  if (!result.data?.country) return <Loading what={t('country.loading')} />;
  const { country, compare } = result.data;
  const instruments = country.instruments.nodes;
  const name = countryName(country);

  return (
    <article className="country">
      <p className="eyebrow">{country.asean ? t('country.aseanState') : t('country.dialoguePartner')}</p>
      <h1>{name}</h1>
      {country.localNames.length > 0 && <p className="title-local">{country.localNames.join(' · ')}</p>}
      <div className="actions">
        <Link to={href('/compare', { countries: [country.code] })} className="button">
          {t('country.compareWithOthers')}
        </Link>
        <Link to={href('/timeline', { countries: [country.code] })} className="button">
          {t('country.timeline')}
        </Link>
        <Link to={graphPath(country.id)} className="button">
          {t('country.showInGraph')}
        </Link>
      </div>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('country.overTime', { count: country.instruments.total })}</h2>
        {instruments.length === 0 ? (
          <Empty>{t('country.noInstruments', { country: name })}</Empty>
        ) : (
          <>
            <Suspense fallback={<Loading what={t('country.drawingTimeline')} />}>
              <TimelineChart
                caption={t('country.chartCaption', { country: name })}
                lanes={[...new Set(instruments.map((instrument) => instrument.instrumentKind))].map((kind) => ({
                  id: kind,
                  label: instrumentKindLabel(kind),
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
              <summary>{t('country.listAll', { count: instruments.length })}</summary>
              <ul className="plain-list">
                {instruments.map((instrument) => (
                  <li key={instrument.id}>
                    <span className="date">{instrument.date ? formatDate(instrument.date) : t('country.undated')}</span>{' '}
                    <Link to={instrumentPath(instrument.id)}>{instrument.title}</Link>
                    <LocalTitle title={instrument.titleLocal} />{' '}
                    <span className="muted small">
                      {instrumentKindLabel(instrument.instrumentKind)}
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
        <h2 id="coverage-heading">{t('country.coverage')}</h2>
        <Suspense fallback={<Loading what={t('country.drawingChart')} />}>
          <CoverageChart
            country={name}
            rows={compare.cells.map((cell) => ({
              themeId: cell.theme.id,
              label: themeName(cell.theme),
              count: cell.count,
              coverage: cell.approach?.coverage ?? null,
            }))}
          />
        </Suspense>
      </section>

      <section aria-labelledby="approach-heading">
        <h2 id="approach-heading">{t('country.approach')}</h2>
        {country.approaches.length === 0 ? (
          <Empty>{t('country.noApproaches')}</Empty>
        ) : (
          country.approaches.map((approach) => (
            <details key={approach.theme.id} className="approach">
              <summary>
                <strong>{themeName(approach.theme)}</strong>{' '}
                <span className={`badge coverage-${approach.coverage}`}>
                  {isCoverage(approach.coverage) ? t(`judgementLegend.${approach.coverage}`) : approach.coverage}
                </span>
                {approach.label && (
                  <>
                    {' '}
                    <span className="approach-label">{approach.label}</span>
                  </>
                )}
              </summary>
              <p className="prose">
                {approach.summary} <TextModeBadge mode={approach.summaryMode} />
              </p>
              {approach.instruments.length > 0 && (
                <p className="small">
                  {t('country.instruments')}{' '}
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
                  {t('country.sources')}{' '}
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
        <h2 id="similar-heading">{t('country.similar')}</h2>
        {country.similar.length === 0 ? (
          <Empty>{t('country.notEnough', { country: name })}</Empty>
        ) : (
          <ol className="similar">
            {country.similar.map((similar) => (
              <li key={similar.country.code}>
                <p>
                  <Link to={countryPath(similar.country.code)}>{countryName(similar.country)}</Link>{' '}
                  <span className="score" title={t('country.scoreExplain')}>
                    {t('country.likeness', { score: formatScore(similar.score) })}
                  </span>{' '}
                  <Link to={href('/compare', { countries: [country.code, similar.country.code] })} className="small">
                    {t('country.compare')}
                  </Link>
                </p>
                <p className="small muted">
                  {t('country.agreeDiffer', {
                    agree: similar.agreements.length,
                    differ: similar.differences.length,
                  })}
                </p>
                <PointList
                  between={[country, similar.country]}
                  heading={t('country.whereAgree')}
                  points={similar.agreements.slice(0, POINTS_SHOWN)}
                />
                <PointList
                  between={[country, similar.country]}
                  heading={t('country.whereDiffer')}
                  points={similar.differences.slice(0, POINTS_SHOWN)}
                />
                {similar.agreements.length + similar.differences.length > 2 * POINTS_SHOWN && (
                  <details>
                    <summary>
                      {t('country.allPoints', {
                        agree: similar.agreements.length,
                        differ: similar.differences.length,
                      })}
                    </summary>
                    <PointList
                      between={[country, similar.country]}
                      heading={t('country.whereAgree')}
                      points={similar.agreements}
                    />
                    <PointList
                      between={[country, similar.country]}
                      heading={t('country.whereDiffer')}
                      points={similar.differences}
                    />
                  </details>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="forums-heading">
        <h2 id="forums-heading">{t('country.forums')}</h2>
        {country.memberships.length > 0 && (
          <p>
            <Trans
              i18nKey="country.memberOf"
              components={{
                list: (
                  <>
                    {country.memberships.map((organization, index) => (
                      <span key={organization.id}>
                        {index > 0 && t('format.separator')}
                        <Link to={graphPath(organization.id)}>{organization.label}</Link>
                      </span>
                    ))}
                  </>
                ),
              }}
            />
          </p>
        )}
        {country.agreements.length === 0 ? (
          <Empty>{t('country.noAgreements')}</Empty>
        ) : (
          <ul className="plain-list">
            {country.agreements.map((agreement) => (
              <li key={agreement.instrument.id}>
                <Link to={instrumentPath(agreement.instrument.id)}>{agreement.instrument.title}</Link>{' '}
                <span className="muted small">
                  {instrumentKindLabel(agreement.instrument.instrumentKind)}
                  {agreement.signed && t('country.signed', { date: formatDate(agreement.signed) })}
                  {agreement.inForce && t('country.inForce', { date: formatDate(agreement.inForce) })}
                </span>
              </li>
            ))}
          </ul>
        )}
        {country.events.length > 0 && (
          <>
            <h3>{t('country.events')}</h3>
            <ul className="plain-list">
              {country.events.map((event) => (
                <li key={event.id}>
                  <span className="date">{event.date ? formatDate(event.date) : t('country.undated')}</span>{' '}
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
function PointList({
  between: [first, other],
  heading,
  points,
}: {
  between: [{ code: string; label: string }, { code: string; label: string }];
  heading: string;
  points: SimilarityPoint[];
}) {
  const { t } = useTranslation();
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
              {pointSentence(point, first, other)}
              {evidence.length > 0 && (
                <span className="small">
                  {' '}
                  {t('country.evidence')} <InstrumentLinks instruments={evidence} />
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
