/**
 * Countries × themes, each cell teaching in order: the judgement, the curated approach with its sources, the whole
 * instruments with status and date, then the key provisions linking to their anchors; exportable, shareable.
 */
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { type Judgement, judgementWording } from '../../../server/domain/compare.js';
import { CheckList } from '../components/CheckList.js';
import { LocalTitle } from '../components/LocalTitle.js';
import { SourceLink } from '../components/SourceLink.js';
import { Empty, ErrorState, Loading, QueryState } from '../components/States.js';
import { TextModeBadge } from '../components/TextMode.js';
import { download, toCsv } from '../lib/exportFile.js';
import { countryName, formatDate, statusLabel, themeName } from '../lib/format.js';
import { countryPath, href, instrumentPath, Link, listParam, navigate, useLocation } from '../lib/router.js';
import { countryChecks, themeChecks, useVocabulary } from '../lib/vocabulary.js';

const MAX_COUNTRIES = 6;

const COMPARE = `query Compare($countries: [String!]!, $themes: [ID!]) {
  compare(countries: $countries, themes: $themes) {
    countries { code label }
    themes { id label }
    cells {
      country { code label }
      theme { id label }
      count earliest judgement judgementSource
      instruments { id title titleLocal date status countries { code } }
      provisions { id label anchor text textMode instrument { id title } }
      judgedOn { id }
      approach { coverage label summary summaryMode sources }
    }
  }
}`;

interface Cell {
  country: { code: string; label: string };
  theme: { id: string; label: string };
  count: number;
  earliest: string | null;
  judgement: Judgement;
  judgementSource: 'curated' | 'derived';
  instruments: {
    id: string;
    title: string;
    titleLocal: string | null;
    date: string | null;
    status: string | null;
    countries: { code: string }[];
  }[];
  provisions: {
    id: string;
    label: string;
    anchor: string;
    text: string;
    textMode: string;
    instrument: { id: string; title: string };
  }[];
  judgedOn: { id: string }[];
  approach: {
    coverage: Judgement;
    label: string | null;
    summary: string;
    summaryMode: string;
    sources: string[];
  } | null;
}
interface CompareData {
  compare: {
    countries: { code: string; label: string }[];
    themes: { id: string; label: string }[];
    cells: Cell[];
  };
}

/** The judgement and where it comes from, in the reader's words: the same on screen and in the exports. */
const judgementWords = (cell: Cell) => i18next.t(`judgement.${judgementWording(cell)}`);
const judgementBasis = (cell: Cell) =>
  cell.judgementSource === 'curated' ? i18next.t('basis.curated') : i18next.t('basis.derivedListed');

const instrumentLink = (id: string, anchor?: string) => `${window.location.origin}${instrumentPath(id, anchor)}`;

/**
 * The rows of exactly what the cells show, in their order: the approach summary with its sources, each instrument
 * with its status and date, each key provision with its text; a cell showing none of these has one row. Every row
 * carries its cell's judgement, in words and, where the corpus has one, in the approach's few words (its label).
 */
function exportRows(cells: Cell[]) {
  return cells.flatMap((cell) => {
    const base = {
      theme: themeName(cell.theme),
      country: countryName(cell.country),
      status: judgementWords(cell),
      judgementLabel: cell.approach?.label ?? '',
      basis: judgementBasis(cell),
      earliest: cell.earliest ?? '',
    };
    const none = { instrumentStatus: '', date: '', sources: '' };
    const rows = [
      ...(cell.approach
        ? [
            {
              ...base,
              ...none,
              item: 'approach',
              label: i18next.t('compare.approachOf', {
                theme: themeName(cell.theme),
                country: countryName(cell.country),
              }),
              instrument: '',
              link: '',
              text: cell.approach.summary,
              textMode: cell.approach.summaryMode,
              sources: cell.approach.sources.join(' '),
            },
          ]
        : []),
      ...cell.instruments.map((instrument) => ({
        ...base,
        ...none,
        item: 'instrument',
        label: instrument.title,
        instrument: instrument.title,
        link: instrumentLink(instrument.id),
        text: '',
        textMode: '',
        instrumentStatus: statusLabel(instrument.status),
        date: instrument.date ?? '',
      })),
      ...cell.provisions.map((provision) => ({
        ...base,
        ...none,
        item: 'provision',
        label: provision.label,
        instrument: provision.instrument.title,
        link: instrumentLink(provision.instrument.id, provision.anchor),
        text: provision.text,
        textMode: provision.textMode,
      })),
    ];
    return rows.length > 0
      ? rows
      : [{ ...base, ...none, item: 'none', label: '', instrument: '', link: '', text: '', textMode: '' }];
  });
}

const csvHeader = [
  'Theme',
  'Country',
  'Status',
  'Earliest',
  'Item',
  'Label',
  'Instrument',
  'Link',
  'Text',
  'Text mode',
  'Instrument status',
  'Date',
  'Sources',
  'Judged from',
  'Judgement in a few words',
];

export function ComparePage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const countries = listParam(params, 'countries').map((code) => code.toUpperCase());
  const themes = listParam(params, 'themes');
  const { result: vocabulary, retry: retryVocabulary } = useVocabulary();
  const ready = countries.length >= 1 && countries.length <= MAX_COUNTRIES && themes.length > 0;
  const [result, reexecute] = useQuery<CompareData>({
    query: COMPARE,
    variables: { countries, themes },
    pause: !ready,
  });

  const set = (next: { countries?: string[]; themes?: string[] }) =>
    navigate(href('/compare', { countries: next.countries ?? countries, themes: next.themes ?? themes }), {
      replace: true,
    });

  return (
    <section className="compare">
      <h1>{t('compare.title')}</h1>
      <QueryState result={vocabulary} retry={retryVocabulary} what={t('compare.loadingVocabulary')}>
        {(data) => (
          <form className="pickers" onSubmit={(event) => event.preventDefault()}>
            <fieldset>
              <legend>
                {t('compare.countries')}{' '}
                <span className="muted small">{t('compare.upTo', { count: MAX_COUNTRIES })}</span>
              </legend>
              <CheckList
                items={countryChecks(data.countries)}
                chosen={countries}
                onChange={(next) => set({ countries: next })}
                limit={MAX_COUNTRIES}
              />
            </fieldset>
            <fieldset>
              <legend>{t('compare.themes')}</legend>
              <CheckList items={themeChecks(data.themes)} chosen={themes} onChange={(next) => set({ themes: next })} />
            </fieldset>
          </form>
        )}
      </QueryState>

      {!ready ? (
        <Empty>
          {countries.length > MAX_COUNTRIES
            ? t('compare.tooMany', { count: MAX_COUNTRIES })
            : countries.length === 0
              ? t('compare.pickCountry')
              : t('compare.pickTheme')}
        </Empty>
      ) : result.error && !result.data ? (
        <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !result.data ? (
        <Loading what={t('compare.comparing')} />
      ) : (
        <Matrix data={result.data.compare} />
      )}
    </section>
  );
}

function Matrix({ data }: { data: CompareData['compare'] }) {
  const { t } = useTranslation();
  const cellAt = (themeId: string, code: string) =>
    data.cells.find((cell) => cell.theme.id === themeId && cell.country.code === code);
  const rows = exportRows(data.cells);
  const stamp = data.countries.map((country) => country.code).join('-');

  return (
    <>
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            download(
              `compare-${stamp}.csv`,
              'text/csv;charset=utf-8',
              toCsv(
                csvHeader,
                rows.map((row) => [
                  row.theme,
                  row.country,
                  row.status,
                  row.earliest,
                  row.item,
                  row.label,
                  row.instrument,
                  row.link,
                  row.text,
                  row.textMode,
                  row.instrumentStatus,
                  row.date,
                  row.sources,
                  row.basis,
                  row.judgementLabel,
                ]),
              ),
            )
          }
        >
          {t('compare.exportCsv')}
        </button>
        <button
          type="button"
          onClick={() =>
            download(
              `compare-${stamp}.json`,
              'application/json',
              JSON.stringify({ url: window.location.href, rows }, null, 2),
            )
          }
        >
          {t('compare.exportJson')}
        </button>
        <button type="button" onClick={() => navigator.clipboard.writeText(window.location.href)}>
          {t('compare.copyLink')}
        </button>
      </div>
      <div className="matrix-scroll">
        <table className="matrix">
          <caption className="visually-hidden">{t('compare.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('compare.theme')}</th>
              {data.countries.map((country) => (
                <th scope="col" key={country.code}>
                  <Link to={countryPath(country.code)}>{countryName(country)}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.themes.map((theme) => (
              <tr key={theme.id}>
                <th scope="row">{themeName(theme)}</th>
                {data.countries.map((country) => {
                  const cell = cellAt(theme.id, country.code);
                  return (
                    <td key={country.code} data-country={country.code} data-theme={theme.id}>
                      <span className="visually-hidden">{countryName(country)}: </span>
                      {cell ? <CellView cell={cell} /> : <span className="muted">{t('compare.nothing')}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function CellView({ cell }: { cell: Cell }) {
  const { t } = useTranslation();
  const none = cell.judgement !== 'instrument';
  return (
    <div className={`cell judgement-${cell.judgement}`}>
      <p className="cell-status">
        <span className={`badge coverage-${cell.judgement}`}>{judgementWords(cell)}</span>{' '}
        <span className="muted small">
          {judgementBasis(cell)}
          {cell.earliest && !none && t('compare.since', { year: cell.earliest.slice(0, 4) })}
        </span>
      </p>
      {cell.approach?.label && <p className="cell-label">{cell.approach.label}</p>}
      {cell.approach && (
        <div className="cell-approach">
          <p>
            {cell.approach.summary} <TextModeBadge mode={cell.approach.summaryMode} />
          </p>
          {cell.approach.sources.length > 0 && (
            <p className="small">
              {t('compare.sources')}{' '}
              {cell.approach.sources.map((source, index) => (
                <span key={source}>
                  {index > 0 && ' · '}
                  <SourceLink url={source} prefix="" />
                </span>
              ))}
            </p>
          )}
        </div>
      )}
      {cell.instruments.length > 0 && (
        <>
          <h3 className="cell-heading">
            {cell.judgedOn.length > 0 ? t('compare.instruments') : t('compare.relatedInstruments')}
          </h3>
          <ul className="cell-items cell-instruments">
            {cell.instruments.map((instrument) => (
              <li key={instrument.id}>
                <Link to={instrumentPath(instrument.id)}>{instrument.title}</Link>
                <LocalTitle title={instrument.titleLocal} />{' '}
                <span className="muted small">
                  {instrument.status && (
                    <span className={`badge status status-${instrument.status}`}>{statusLabel(instrument.status)}</span>
                  )}{' '}
                  {instrument.date ? formatDate(instrument.date) : t('compare.undated')}
                  {instrument.countries.length > 1 && t('compare.parties', { count: instrument.countries.length })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {cell.provisions.length > 0 && (
        <>
          <h3 className="cell-heading">{t('compare.keyProvisions')}</h3>
          <ul className="cell-items cell-provisions">
            {cell.provisions.map((provision) => (
              <li key={provision.id}>
                <details>
                  <summary>
                    {provision.label} <span className="muted">· {provision.instrument.title}</span>
                  </summary>
                  <p className="provision-text">
                    {provision.text} <TextModeBadge mode={provision.textMode} />
                  </p>
                </details>
                <Link to={instrumentPath(provision.instrument.id, provision.anchor)} className="small">
                  {t('compare.open', { label: provision.label })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
