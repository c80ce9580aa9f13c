/** One instrument: its facts, provisions with stable anchors, themes, related instruments and citations. */
import { useEffect } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { CiteButton } from '../components/CiteButton.js';
import { SourceLink } from '../components/SourceLink.js';
import { Empty, QueryState } from '../components/States.js';
import { TextModeBadge } from '../components/TextMode.js';
import { hasHistory, VERSION_FIELDS, type Version, VersionTimeline } from '../components/Versions.js';
import {
  countryName,
  formatDate,
  instrumentKindLabel,
  relationshipLabel,
  statusLabel,
  themeName,
} from '../lib/format.js';
import { countryPath, graphPath, href, instrumentPath, Link, useLocation } from '../lib/router.js';

const INSTRUMENT = `query Instrument($id: ID!) {
  instrument(id: $id) {
    id title titleLocal language instrumentKind status date inForce summary summaryMode sourceUrl checked unverified
    countries { code label }
    parties { party { id kind label ... on Country { code } } signed inForce source }
    themes { id label }
    provisions(first: 100) { total nodes {
      id number anchor provisionKind label text textMode language themes { id label }
      today: version { label unverified }
      versions { version { id } }
    } }
    versions { ${VERSION_FIELDS} }
    current: version { id }
    quotes { id text textMode speaker { id label } provision { anchor } }
    related { type direction note source instrument { id title date instrumentKind } }
    deliveredBy { id label }
    presentedAt { id label date }
  }
}`;

interface Theme {
  id: string;
  label: string;
}
interface Provision {
  id: string;
  number: string | null;
  anchor: string;
  provisionKind: string;
  label: string;
  text: string;
  textMode: string;
  language: string;
  themes: Theme[];
  /** How it stands in the version in force today; null when it is not part of that version. */
  today: { label: string; unverified: string[] } | null;
  /** The versions it is part of, oldest first. */
  versions: { version: { id: string } }[];
}
interface Instrument {
  id: string;
  title: string;
  titleLocal: string | null;
  language: string | null;
  instrumentKind: string;
  status: string | null;
  date: string | null;
  inForce: string | null;
  summary: string | null;
  summaryMode: string | null;
  sourceUrl: string | null;
  checked: string | null;
  unverified: string[];
  countries: { code: string; label: string }[];
  parties: {
    party: { id: string; kind: string; label: string; code?: string };
    signed: string | null;
    inForce: string | null;
    source: string | null;
  }[];
  themes: Theme[];
  provisions: { total: number; nodes: Provision[] };
  quotes: {
    id: string;
    text: string;
    textMode: string;
    speaker: { id: string; label: string } | null;
    provision: { anchor: string } | null;
  }[];
  related: {
    type: string;
    direction: 'OUTGOING' | 'INCOMING';
    note: string | null;
    source: string | null;
    instrument: { id: string; title: string; date: string | null; instrumentKind: string };
  }[];
  deliveredBy: { id: string; label: string }[];
  presentedAt: { id: string; label: string; date: string | null }[];
  versions: Version[];
  current: { id: string } | null;
}

/** Where a provision of an amended or superseded instrument stands today, when that differs from its heading. */
function TodayNote({ provision, instrument }: { provision: Provision; instrument: Instrument }) {
  const { t } = useTranslation();
  if (!hasHistory(instrument.versions)) return null;
  const firstId = provision.versions[0]?.version.id;
  const insertedBy = instrument.versions.find((version) => version.id === firstId && version.amendedBy);
  if (insertedBy)
    return (
      <p className="today-note">
        {t('versions.insertedBy', {
          date: formatDate(insertedBy.inForceFrom ?? insertedBy.adopted) || t('versions.dateNotStated'),
        })}
      </p>
    );
  if (!provision.today)
    return <p className="today-note">{t(instrument.current ? 'versions.notInToday' : 'versions.noneToday')}</p>;
  if (provision.today.label === provision.label) return null;
  return (
    <p className="today-note">
      {t('versions.todayNumber', { label: provision.today.label })}
      {provision.today.unverified.includes('number') && (
        <span className="badge unverified" title={t('versions.numberUnverifiedExplain')}>
          {t('versions.numberUnverified')}
        </span>
      )}
    </p>
  );
}

/** A fact, or a plain statement that the source did not give it; flagged when no source could confirm it. */
function Fact({
  name,
  field,
  value,
  instrument,
}: {
  name: string;
  field: string;
  value: string | null | undefined;
  instrument: Instrument;
}) {
  const { t } = useTranslation();
  const unverified = instrument.unverified.includes(field);
  return (
    <>
      <dt>{name}</dt>
      <dd>
        {value ? value : <span className="muted">{t('instrument.notStated')}</span>}
        {unverified && (
          <span className="badge unverified" title={t('instrument.unverifiedExplain')}>
            {t('instrument.unverified')}
          </span>
        )}
      </dd>
    </>
  );
}

function ThemeLinks({ themes }: { themes: Theme[] }) {
  const { t } = useTranslation();
  if (themes.length === 0) return null;
  return (
    <ul className="tags" aria-label={t('instrument.themes')}>
      {themes.map((theme) => (
        <li key={theme.id}>
          <Link to={href('/search', { q: theme.label, theme: [theme.id] })}>{themeName(theme)}</Link>
        </li>
      ))}
    </ul>
  );
}

export function InstrumentPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery<{ instrument: Instrument | null }>({ query: INSTRUMENT, variables: { id } });
  const { hash } = useLocation();
  const loaded = Boolean(result.data?.instrument);

  // Provisions render after the data arrives, so the browser's own jump to #art-37 has nothing to land on.
  useEffect(() => {
    if (!loaded || !hash) return;
    const target = document.getElementById(hash);
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.classList.add('targeted');
    target.focus({ preventScroll: true });
    return () => target.classList.remove('targeted');
  }, [loaded, hash]);

  return (
    <QueryState
      result={result}
      retry={() => reexecute({ requestPolicy: 'network-only' })}
      what={t('instrument.loading')}
    >
      {(data) =>
        data.instrument ? (
          <InstrumentView instrument={data.instrument} />
        ) : (
          <Empty>
            <Trans i18nKey="instrument.missing" components={{ id: <code>{id}</code>, search: <Link to="/" /> }} />
          </Empty>
        )
      }
    </QueryState>
  );
}

function InstrumentView({ instrument }: { instrument: Instrument }) {
  const { t } = useTranslation();
  const unverifiedElsewhere = instrument.unverified.filter(
    (field) => !['status', 'date', 'inForce', 'sourceUrl', 'titleLocal'].includes(field),
  );
  return (
    <article className="instrument">
      <p className="eyebrow">
        {instrumentKindLabel(instrument.instrumentKind)}
        {instrument.countries.length > 0 && ' · '}
        {instrument.countries.map((country, index) => (
          <span key={country.code}>
            {index > 0 && t('format.separator')}
            <Link to={countryPath(country.code)}>{countryName(country)}</Link>
          </span>
        ))}
      </p>
      <h1>{instrument.title}</h1>
      {instrument.titleLocal && (
        <p className="title-local" lang={instrument.language ?? undefined}>
          {instrument.titleLocal}
        </p>
      )}
      <div className="actions">
        <CiteButton instrumentId={instrument.id} label={instrument.title} />
        <Link to={graphPath(instrument.id)} className="button">
          {t('instrument.showInGraph')}
        </Link>
      </div>

      <dl className="facts">
        <Fact
          name={t('instrument.status')}
          field="status"
          value={statusLabel(instrument.status)}
          instrument={instrument}
        />
        <Fact name={t('instrument.adopted')} field="date" value={formatDate(instrument.date)} instrument={instrument} />
        <Fact
          name={t('instrument.inForce')}
          field="inForce"
          value={formatDate(instrument.inForce)}
          instrument={instrument}
        />
        <dt>{t('instrument.officialSource')}</dt>
        <dd>
          {instrument.sourceUrl ? (
            <SourceLink url={instrument.sourceUrl} />
          ) : (
            <span className="muted">{t('instrument.notAvailable')}</span>
          )}
          {instrument.checked && (
            <span className="muted">{t('instrument.checked', { date: formatDate(instrument.checked) })}</span>
          )}
          {instrument.unverified.includes('sourceUrl') && (
            <span className="badge unverified">{t('instrument.unverified')}</span>
          )}
        </dd>
        {unverifiedElsewhere.length > 0 && (
          <>
            <dt>{t('instrument.unverifiedFields')}</dt>
            <dd>
              {unverifiedElsewhere.map((field) => (
                <span key={field} className="badge unverified">
                  {field}
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>

      {instrument.summary && (
        <section aria-labelledby="summary-heading">
          <h2 id="summary-heading">
            {t('instrument.summary')} <TextModeBadge mode={instrument.summaryMode} />
          </h2>
          <p className="prose">{instrument.summary}</p>
        </section>
      )}
      <ThemeLinks themes={instrument.themes} />

      {instrument.parties.length > 0 && (
        <section aria-labelledby="parties-heading">
          <h2 id="parties-heading">{t('instrument.parties', { count: instrument.parties.length })}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('instrument.party')}</th>
                <th scope="col">{t('instrument.signed')}</th>
                <th scope="col">{t('instrument.inForce')}</th>
                <th scope="col">{t('instrument.source')}</th>
              </tr>
            </thead>
            <tbody>
              {instrument.parties.map((party) => (
                <tr key={party.party.id}>
                  <td>
                    {party.party.code ? (
                      <Link to={countryPath(party.party.code)}>
                        {countryName({ code: party.party.code, label: party.party.label })}
                      </Link>
                    ) : (
                      <Link to={graphPath(party.party.id)}>{party.party.label}</Link>
                    )}
                  </td>
                  <td>{party.signed ? formatDate(party.signed) : '—'}</td>
                  <td>{party.inForce ? formatDate(party.inForce) : '—'}</td>
                  <td>{party.source ? <SourceLink url={party.source} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {(instrument.deliveredBy.length > 0 || instrument.presentedAt.length > 0) && (
        <p>
          {instrument.deliveredBy.length > 0 && (
            <>
              {t('instrument.deliveredBy')}{' '}
              {instrument.deliveredBy.map((person, index) => (
                <span key={person.id}>
                  {index > 0 && t('format.separator')}
                  <Link to={graphPath(person.id)}>{person.label}</Link>
                </span>
              ))}
              {instrument.presentedAt.length > 0 && ' '}
            </>
          )}
          {instrument.presentedAt.length > 0 && (
            <>
              {t('instrument.at')}{' '}
              {instrument.presentedAt.map((event, index) => (
                <span key={event.id}>
                  {index > 0 && t('format.separator')}
                  <Link to={graphPath(event.id)}>{event.label}</Link>
                  {event.date && ` (${formatDate(event.date)})`}
                </span>
              ))}
            </>
          )}
        </p>
      )}

      <section aria-labelledby="related-heading">
        <h2 id="related-heading">{t('instrument.related')}</h2>
        {instrument.related.length === 0 ? (
          <Empty>{t('instrument.noRelated')}</Empty>
        ) : (
          <ul className="related">
            {instrument.related.map((related) => (
              <li key={`${related.type}:${related.direction}:${related.instrument.id}`}>
                <span className="relation">{relationshipLabel(related.type, related.direction)}</span>{' '}
                <Link to={instrumentPath(related.instrument.id)}>{related.instrument.title}</Link>
                {related.instrument.date && <span className="muted"> ({formatDate(related.instrument.date)})</span>}
                {related.note && <span className="muted"> — {related.note}</span>}
                {related.source && (
                  <>
                    {' '}
                    <SourceLink url={related.source} />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {hasHistory(instrument.versions) && (
        <VersionTimeline
          instrumentId={instrument.id}
          versions={instrument.versions}
          currentId={instrument.current?.id ?? null}
        />
      )}

      {instrument.quotes.length > 0 && (
        <section aria-labelledby="quotes-heading">
          <h2 id="quotes-heading">{t('instrument.quotes')}</h2>
          {instrument.quotes.map((quote) => (
            <blockquote key={quote.id} className="quote">
              <p>{quote.text}</p>
              <footer>
                {quote.speaker ? (
                  <Link to={graphPath(quote.speaker.id)}>{quote.speaker.label}</Link>
                ) : (
                  t('instrument.unattributed')
                )}{' '}
                <TextModeBadge mode={quote.textMode} />
              </footer>
            </blockquote>
          ))}
        </section>
      )}

      <section aria-labelledby="provisions-heading">
        <h2 id="provisions-heading">{t('instrument.provisions', { count: instrument.provisions.total })}</h2>
        {instrument.provisions.nodes.length === 0 ? (
          <Empty>{t('instrument.noProvisions')}</Empty>
        ) : (
          <>
            {instrument.provisions.nodes.length > 5 && (
              <nav aria-label={t('instrument.provisionsNav')} className="toc">
                {instrument.provisions.nodes.map((provision) => (
                  <a key={provision.id} href={`#${provision.anchor}`}>
                    {provision.number ?? provision.label}
                  </a>
                ))}
              </nav>
            )}
            {instrument.provisions.nodes.map((provision) => (
              <section
                key={provision.id}
                id={provision.anchor}
                className="provision"
                tabIndex={-1}
                aria-labelledby={`${provision.anchor}-heading`}
              >
                <header>
                  <h3 id={`${provision.anchor}-heading`}>
                    <a
                      href={`#${provision.anchor}`}
                      className="anchor"
                      aria-label={t('instrument.linkTo', { label: provision.label })}
                    >
                      #
                    </a>{' '}
                    {provision.label}
                  </h3>
                  <TextModeBadge mode={provision.textMode} />
                  <CiteButton instrumentId={instrument.id} anchor={provision.anchor} label={provision.label} />
                </header>
                <TodayNote provision={provision} instrument={instrument} />
                <div className="provision-text" lang={provision.language}>
                  {provision.text.split(/\n{2,}/).map((paragraph, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a fixed text never reorder
                    <p key={index}>{paragraph}</p>
                  ))}
                </div>
                <ThemeLinks themes={provision.themes} />
              </section>
            ))}
          </>
        )}
      </section>
    </article>
  );
}
