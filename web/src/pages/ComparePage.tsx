/**
 * Countries × themes, each cell teaching in order: the judgement, the curated approach with its sources, the whole
 * instruments with status and date, then the key provisions linking to their anchors; exportable, shareable.
 */
import { useQuery } from 'urql';
import { type Judgement, judgementInWords } from '../../../server/domain/compare.js';
import { CheckList } from '../components/CheckList.js';
import { SourceLink } from '../components/SourceLink.js';
import { Empty, ErrorState, Loading, QueryState } from '../components/States.js';
import { TextModeBadge } from '../components/TextMode.js';
import { download, toCsv } from '../lib/exportFile.js';
import { statusLabel } from '../lib/format.js';
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
      instruments { id title date status countries { code } }
      provisions { id label anchor text textMode instrument { id title } }
      judgedOn { id }
      approach { coverage summary summaryMode sources }
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
  approach: { coverage: Judgement; summary: string; summaryMode: string; sources: string[] } | null;
}
interface CompareData {
  compare: {
    countries: { code: string; label: string }[];
    themes: { id: string; label: string }[];
    cells: Cell[];
  };
}

/** Where the judgement comes from, in words. */
function judgementBasis(cell: Cell): string {
  return cell.judgementSource === 'curated' ? 'curated approach' : 'judged from the instruments listed';
}

const instrumentLink = (id: string, anchor?: string) => `${window.location.origin}${instrumentPath(id, anchor)}`;

/**
 * The rows of exactly what the cells show, in their order: the approach summary with its sources, each instrument
 * with its status and date, each key provision with its text; a cell showing none of these has one row.
 */
function exportRows(cells: Cell[]) {
  return cells.flatMap((cell) => {
    const base = {
      theme: cell.theme.label,
      country: cell.country.label,
      status: judgementInWords(cell),
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
              label: `${cell.theme.label}: approach of ${cell.country.label}`,
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
];

export function ComparePage() {
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
      <h1>Compare countries</h1>
      <QueryState result={vocabulary} retry={retryVocabulary} what="Loading countries and themes">
        {(data) => (
          <form className="pickers" onSubmit={(event) => event.preventDefault()}>
            <fieldset>
              <legend>
                Countries <span className="muted small">(up to {MAX_COUNTRIES})</span>
              </legend>
              <CheckList
                items={countryChecks(data.countries)}
                chosen={countries}
                onChange={(next) => set({ countries: next })}
                limit={MAX_COUNTRIES}
              />
            </fieldset>
            <fieldset>
              <legend>Themes</legend>
              <CheckList items={themeChecks(data.themes)} chosen={themes} onChange={(next) => set({ themes: next })} />
            </fieldset>
          </form>
        )}
      </QueryState>

      {!ready ? (
        <Empty>
          {countries.length > MAX_COUNTRIES
            ? `Pick at most ${MAX_COUNTRIES} countries.`
            : countries.length === 0
              ? 'Pick a country or more and one theme to see the matrix.'
              : 'Pick at least one theme to see the matrix.'}
        </Empty>
      ) : result.error && !result.data ? (
        <ErrorState error={result.error} retry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !result.data ? (
        <Loading what="Comparing" />
      ) : (
        <Matrix data={result.data.compare} />
      )}
    </section>
  );
}

function Matrix({ data }: { data: CompareData['compare'] }) {
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
                ]),
              ),
            )
          }
        >
          Export CSV
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
          Export JSON
        </button>
        <button type="button" onClick={() => navigator.clipboard.writeText(window.location.href)}>
          Copy link
        </button>
      </div>
      <div className="matrix-scroll">
        <table className="matrix">
          <caption className="visually-hidden">
            Each country’s approach to each theme, its instruments and key provisions
          </caption>
          <thead>
            <tr>
              <th scope="col">Theme</th>
              {data.countries.map((country) => (
                <th scope="col" key={country.code}>
                  <Link to={countryPath(country.code)}>{country.label}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.themes.map((theme) => (
              <tr key={theme.id}>
                <th scope="row">{theme.label}</th>
                {data.countries.map((country) => {
                  const cell = cellAt(theme.id, country.code);
                  return (
                    <td key={country.code} data-country={country.code} data-theme={theme.id}>
                      <span className="visually-hidden">{country.label}: </span>
                      {cell ? <CellView cell={cell} /> : <span className="muted">Nothing recorded</span>}
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
  const none = cell.judgement !== 'instrument';
  return (
    <div className={`cell judgement-${cell.judgement}`}>
      <p className="cell-status">
        <span className={`badge coverage-${cell.judgement}`}>{judgementInWords(cell)}</span>{' '}
        <span className="muted small">
          {judgementBasis(cell)}
          {cell.earliest && !none && ` · since ${cell.earliest.slice(0, 4)}`}
        </span>
      </p>
      {cell.approach && (
        <div className="cell-approach">
          <p>
            {cell.approach.summary} <TextModeBadge mode={cell.approach.summaryMode} />
          </p>
          {cell.approach.sources.length > 0 && (
            <p className="small">
              Sources:{' '}
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
          <h3 className="cell-heading">{cell.judgedOn.length > 0 ? 'Instruments' : 'Related instruments'}</h3>
          <ul className="cell-items cell-instruments">
            {cell.instruments.map((instrument) => (
              <li key={instrument.id}>
                <Link to={instrumentPath(instrument.id)}>{instrument.title}</Link>{' '}
                <span className="muted small">
                  {instrument.status && (
                    <span className={`badge status status-${instrument.status}`}>{statusLabel(instrument.status)}</span>
                  )}{' '}
                  {instrument.date ?? 'undated'}
                  {instrument.countries.length > 1 && ` · ${instrument.countries.length} parties`}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {cell.provisions.length > 0 && (
        <>
          <h3 className="cell-heading">Key provisions</h3>
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
                  Open {provision.label}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
