/** Countries × themes: which provisions address each theme, expandable, exportable, shareable. */
import { useQuery } from 'urql';
import { Empty, ErrorState, Loading, QueryState } from '../components/States.js';
import { TextModeBadge } from '../components/TextMode.js';
import { download, toCsv } from '../lib/exportFile.js';
import { countryPath, href, instrumentPath, Link, listParam, navigate, useLocation } from '../lib/router.js';
import { orderedThemes, useVocabulary } from '../lib/vocabulary.js';

const MAX_COUNTRIES = 6;

const COMPARE = `query Compare($countries: [String!]!, $themes: [ID!]) {
  compare(countries: $countries, themes: $themes) {
    countries { code label }
    themes { id label }
    cells {
      country { code label }
      theme { id label }
      count earliest
      instruments { id title date }
      provisions { id label anchor text textMode instrument { id title } }
      approach { coverage summary }
    }
  }
}`;

interface Cell {
  country: { code: string; label: string };
  theme: { id: string; label: string };
  count: number;
  earliest: string | null;
  instruments: { id: string; title: string; date: string | null }[];
  provisions: {
    id: string;
    label: string;
    anchor: string;
    text: string;
    textMode: string;
    instrument: { id: string; title: string };
  }[];
  approach: { coverage: string; summary: string } | null;
}
interface CompareData {
  compare: {
    countries: { code: string; label: string }[];
    themes: { id: string; label: string }[];
    cells: Cell[];
  };
}

/** What a cell says in words: the same wording on screen and in the exports. */
export function cellStatus(cell: Cell): string {
  if (cell.approach?.coverage === 'no_instrument') return 'No instrument';
  if (cell.approach?.coverage === 'draft_only') return cell.count > 0 ? 'Draft only' : 'Draft only, nothing recorded';
  if (cell.count === 0) return 'Nothing recorded';
  return `${cell.count} instrument${cell.count === 1 ? '' : 's'} and provisions`;
}

/** One row per item listed in a cell (its provisions, or its instruments when it lists no provision), or one for an empty cell. */
function exportRows(cells: Cell[]) {
  return cells.flatMap((cell) => {
    const base = {
      theme: cell.theme.label,
      country: cell.country.label,
      status: cellStatus(cell),
      earliest: cell.earliest ?? '',
    };
    if (cell.provisions.length > 0)
      return cell.provisions.map((provision) => ({
        ...base,
        item: 'provision',
        label: provision.label,
        instrument: provision.instrument.title,
        link: `${window.location.origin}${instrumentPath(provision.instrument.id, provision.anchor)}`,
        text: provision.text,
        textMode: provision.textMode,
      }));
    if (cell.instruments.length > 0)
      return cell.instruments.map((instrument) => ({
        ...base,
        item: 'instrument',
        label: instrument.title,
        instrument: instrument.title,
        link: `${window.location.origin}${instrumentPath(instrument.id)}`,
        text: '',
        textMode: '',
      }));
    return [{ ...base, item: 'none', label: '', instrument: '', link: '', text: '', textMode: '' }];
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
];

export function ComparePage() {
  const { params } = useLocation();
  const countries = listParam(params, 'countries').map((code) => code.toUpperCase());
  const themes = listParam(params, 'themes');
  const { result: vocabulary, retry: retryVocabulary } = useVocabulary();
  const ready = countries.length >= 2 && countries.length <= MAX_COUNTRIES && themes.length > 0;
  const [result, reexecute] = useQuery<CompareData>({
    query: COMPARE,
    variables: { countries, themes },
    pause: !ready,
  });

  const set = (next: { countries?: string[]; themes?: string[] }) =>
    navigate(href('/compare', { countries: next.countries ?? countries, themes: next.themes ?? themes }), {
      replace: true,
    });
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value];

  return (
    <section className="compare">
      <h1>Compare countries</h1>
      <QueryState result={vocabulary} retry={retryVocabulary} what="Loading countries and themes">
        {(data) => (
          <form className="pickers" onSubmit={(event) => event.preventDefault()}>
            <fieldset>
              <legend>
                Countries <span className="muted small">(pick 2 to {MAX_COUNTRIES})</span>
              </legend>
              <div className="check-grid">
                {data.countries.map((country) => {
                  const checked = countries.includes(country.code);
                  return (
                    <label key={country.code} className="check">
                      <input
                        type="checkbox"
                        checked={checked}
                        disabled={!checked && countries.length >= MAX_COUNTRIES}
                        onChange={() => set({ countries: toggle(countries, country.code) })}
                      />
                      <span>{country.label}</span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
            <fieldset>
              <legend>Themes</legend>
              <div className="check-grid">
                {orderedThemes(data.themes).map((theme) => (
                  <label key={theme.id} className={`check depth-${theme.depth}`}>
                    <input
                      type="checkbox"
                      checked={themes.includes(theme.id)}
                      onChange={() => set({ themes: toggle(themes, theme.id) })}
                    />
                    <span>{theme.label}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          </form>
        )}
      </QueryState>

      {!ready ? (
        <Empty>
          {countries.length > MAX_COUNTRIES
            ? `Pick at most ${MAX_COUNTRIES} countries.`
            : countries.length < 2
              ? 'Pick at least two countries and one theme to see the matrix.'
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
          <caption className="visually-hidden">Provisions addressing each theme, by country</caption>
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
  const empty = cell.count === 0 || cell.approach?.coverage === 'no_instrument';
  return (
    <div className={empty ? 'cell empty' : 'cell'}>
      <p className="cell-status">
        {cellStatus(cell)}
        {cell.earliest && !empty && <span className="muted small"> · since {cell.earliest.slice(0, 4)}</span>}
      </p>
      {cell.provisions.length > 0 ? (
        <ul className="cell-items">
          {cell.provisions.map((provision) => (
            <li key={provision.id}>
              <details>
                <summary>
                  {provision.label} <span className="muted">· {provision.instrument.title}</span>
                </summary>
                <p className="provision-text">
                  {provision.text} <TextModeBadge mode={provision.textMode} />
                </p>
                <Link to={instrumentPath(provision.instrument.id, provision.anchor)} className="small">
                  Open provision
                </Link>
              </details>
            </li>
          ))}
        </ul>
      ) : (
        cell.instruments.length > 0 && (
          <ul className="cell-items">
            {cell.instruments.map((instrument) => (
              <li key={instrument.id}>
                <Link to={instrumentPath(instrument.id)}>{instrument.title}</Link>
              </li>
            ))}
          </ul>
        )
      )}
    </div>
  );
}
