/**
 * The overview first: every country × every top-level theme (sub-themes on demand), each cell coloured by the
 * judgement and saying it with a symbol and words too, linking into the comparison; downloadable as CSV and JSON.
 */
import { useQuery } from 'urql';
import { judgementInWords } from '../../../server/domain/compare.js';
import { comparePathOf, OVERVIEW_QUERY, type OverviewData } from '../../../server/domain/overview.js';
import { QueryState } from '../components/States.js';
import { countryPath, href, Link, navigate, useLocation } from '../lib/router.js';

type Cell = OverviewData['overview']['cells'][number];
type Judgement = Cell['judgement'];

const judgementShown: Record<Judgement, { symbol: string; words: string }> = {
  instrument: { symbol: '●', words: 'Has an instrument' },
  draft_only: { symbol: '◐', words: 'Draft only' },
  no_instrument: { symbol: '○', words: 'No instrument' },
};
const judgements = Object.entries(judgementShown).map(([value, shown]) => ({ value, ...shown }));

export function OverviewPage() {
  const { params } = useLocation();
  const subThemes = params.get('sub') === '1';
  const [result, reexecute] = useQuery<OverviewData>({ query: OVERVIEW_QUERY, variables: { subThemes } });
  const exportHref = (format: 'csv' | 'json') => `/api/overview.${format}?subThemes=${subThemes}`;

  return (
    <section className="overview">
      <h1>Overview: who has what</h1>
      <p className="lede">
        Each country’s judgement on each theme, from the curated approaches (top-level themes) or from its own
        instruments (sub-themes). Open a cell for the comparison: the summary, the instruments and the key provisions.
      </p>
      <div className="actions">
        <label className="toggle">
          <input
            type="checkbox"
            checked={subThemes}
            onChange={(event) =>
              navigate(href('/overview', { sub: event.target.checked ? '1' : undefined }), { replace: true })
            }
          />{' '}
          Show sub-themes
        </label>
        <a className="button" href={exportHref('csv')} download>
          Download CSV
        </a>
        <a className="button" href={exportHref('json')} download>
          Download JSON
        </a>
      </div>
      <Legend />
      <QueryState
        result={result}
        retry={() => reexecute({ requestPolicy: 'network-only' })}
        what="Loading the overview"
      >
        {(data) => <Heatmap data={data.overview} />}
      </QueryState>
    </section>
  );
}

function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      {judgements.map((judgement) => (
        <li key={judgement.value}>
          <span className={`heat heat-${judgement.value}`} aria-hidden="true">
            {judgement.symbol}
          </span>{' '}
          {judgement.words}
        </li>
      ))}
      <li>
        <span className="heat-count" aria-hidden="true">
          12
        </span>{' '}
        instruments and provisions listed
      </li>
      <li>
        <span className="heat-count related" aria-hidden="true">
          (5)
        </span>{' '}
        listed, none of them the instrument judged
      </li>
    </ul>
  );
}

function Heatmap({ data }: { data: OverviewData['overview'] }) {
  const cells = new Map(data.cells.map((cell) => [`${cell.theme.id}\u0000${cell.country.code}`, cell]));
  return (
    <div className="matrix-scroll heatmap-scroll">
      <table className="heatmap">
        <caption className="visually-hidden">
          Judgement of each country on each theme; each cell links to the comparison
        </caption>
        <thead>
          <tr>
            <th scope="col">Theme</th>
            {data.countries.map((country) => (
              <th scope="col" key={country.code}>
                <Link to={countryPath(country.code)} title={country.label}>
                  {country.label}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.themes.map((theme) => (
            <tr key={theme.id} className={theme.parent ? 'sub-theme' : undefined}>
              <th scope="row">{theme.label}</th>
              {data.countries.map((country) => {
                const cell = cells.get(`${theme.id}\u0000${country.code}`);
                return (
                  <td
                    key={country.code}
                    data-country={country.code}
                    data-theme={theme.id}
                    className={cell && `heat-${cell.judgement}`}
                  >
                    {cell && <HeatCell cell={cell} country={country.label} theme={theme.label} />}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeatCell({ cell, country, theme }: { cell: Cell; country: string; theme: string }) {
  const judgement = judgementShown[cell.judgement];
  const words = judgementInWords(cell);
  const label = cell.approach?.label;
  const basis = cell.judgementSource === 'curated' ? 'curated approach' : 'judged from the instruments';
  // What is listed may only be related: a regional agreement, a wider plan, or nothing the judgement rests on.
  const onlyRelated = cell.judgedOn.length === 0 && cell.count > 0;
  return (
    <Link
      to={comparePathOf(cell.country.code, cell.theme.id)}
      className={`heat heat-${cell.judgement}`}
      title={`${country}, ${theme}: ${label ?? words} (${basis})`}
    >
      <span aria-hidden="true">{judgement.symbol}</span>{' '}
      <span className={onlyRelated ? 'heat-count related' : 'heat-count'} aria-hidden="true">
        {onlyRelated ? `(${cell.count})` : cell.count}
      </span>
      {label && <span className="heat-label">{label}</span>}
      <span className="visually-hidden">
        {country}, {theme}: {words}
        {label ? ` (${label})` : ''}, {cell.count} {onlyRelated ? 'related ' : ''}instruments and provisions; {basis}
      </span>
    </Link>
  );
}
