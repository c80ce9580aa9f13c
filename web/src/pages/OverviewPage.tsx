/**
 * The overview first: every country × every top-level theme (sub-themes on demand), each cell coloured by the
 * judgement and saying it with a symbol and words too, linking into the comparison; downloadable as CSV and JSON.
 */
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { judgementWording } from '../../../server/domain/compare.js';
import { comparePathOf, OVERVIEW_QUERY, type OverviewData } from '../../../server/domain/overview.js';
import { QueryState } from '../components/States.js';
import { countryName, themeName } from '../lib/format.js';
import { countryPath, href, Link, navigate, useLocation } from '../lib/router.js';

type Cell = OverviewData['overview']['cells'][number];
type Judgement = Cell['judgement'];

const judgementSymbols: Record<Judgement, string> = { instrument: '●', draft_only: '◐', no_instrument: '○' };
const judgements = Object.entries(judgementSymbols).map(([value, symbol]) => ({ value: value as Judgement, symbol }));

export function OverviewPage() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const subThemes = params.get('sub') === '1';
  const [result, reexecute] = useQuery<OverviewData>({ query: OVERVIEW_QUERY, variables: { subThemes } });
  const exportHref = (format: 'csv' | 'json') => `/api/overview.${format}?subThemes=${subThemes}`;

  return (
    <section className="overview">
      <h1>{t('overview.title')}</h1>
      <p className="lede">{t('overview.lede')}</p>
      <div className="actions">
        <label className="toggle">
          <input
            type="checkbox"
            checked={subThemes}
            onChange={(event) =>
              navigate(href('/overview', { sub: event.target.checked ? '1' : undefined }), { replace: true })
            }
          />{' '}
          {t('overview.subThemes')}
        </label>
        <a className="button" href={exportHref('csv')} download>
          {t('overview.downloadCsv')}
        </a>
        <a className="button" href={exportHref('json')} download>
          {t('overview.downloadJson')}
        </a>
      </div>
      <Legend />
      <QueryState
        result={result}
        retry={() => reexecute({ requestPolicy: 'network-only' })}
        what={t('overview.loading')}
      >
        {(data) => <Heatmap data={data.overview} />}
      </QueryState>
    </section>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <ul className="legend" aria-label={t('overview.legend')}>
      {judgements.map((judgement) => (
        <li key={judgement.value}>
          <span className={`heat heat-${judgement.value}`} aria-hidden="true">
            {judgement.symbol}
          </span>{' '}
          {t(`judgementLegend.${judgement.value}`)}
        </li>
      ))}
      <li>
        <span className="heat-count" aria-hidden="true">
          12
        </span>{' '}
        {t('overview.legendCount')}
      </li>
      <li>
        <span className="heat-count related" aria-hidden="true">
          (5)
        </span>{' '}
        {t('overview.legendRelated')}
      </li>
    </ul>
  );
}

function Heatmap({ data }: { data: OverviewData['overview'] }) {
  const { t } = useTranslation();
  const cells = new Map(data.cells.map((cell) => [`${cell.theme.id}\u0000${cell.country.code}`, cell]));
  return (
    <div className="matrix-scroll heatmap-scroll">
      <table className="heatmap">
        <caption className="visually-hidden">{t('overview.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.theme')}</th>
            {data.countries.map((country) => (
              <th scope="col" key={country.code}>
                <Link to={countryPath(country.code)} title={countryName(country)}>
                  {countryName(country)}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.themes.map((theme) => (
            <tr key={theme.id} className={theme.parent ? 'sub-theme' : undefined}>
              <th scope="row">{themeName(theme)}</th>
              {data.countries.map((country) => {
                const cell = cells.get(`${theme.id}\u0000${country.code}`);
                return (
                  <td
                    key={country.code}
                    data-country={country.code}
                    data-theme={theme.id}
                    className={cell && `heat-${cell.judgement}`}
                  >
                    {cell && <HeatCell cell={cell} country={countryName(country)} theme={themeName(theme)} />}
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
  const { t } = useTranslation();
  const words = t(`judgement.${judgementWording(cell)}`);
  const label = cell.approach?.label;
  const basis = cell.judgementSource === 'curated' ? t('basis.curated') : t('basis.derived');
  // What is listed may only be related: a regional agreement, a wider plan, or nothing the judgement rests on.
  const onlyRelated = cell.judgedOn.length === 0 && cell.count > 0;
  return (
    <Link
      to={comparePathOf(cell.country.code, cell.theme.id)}
      className={`heat heat-${cell.judgement}`}
      title={t('overview.cellTitle', { country, theme, words: label ?? words, basis })}
    >
      <span aria-hidden="true">{judgementSymbols[cell.judgement]}</span>{' '}
      <span className={onlyRelated ? 'heat-count related' : 'heat-count'} aria-hidden="true">
        {onlyRelated ? `(${cell.count})` : cell.count}
      </span>
      {label && <span className="heat-label">{label}</span>}
      <span className="visually-hidden">
        {t(onlyRelated ? 'overview.cellSpokenRelated' : 'overview.cellSpoken', {
          country,
          theme,
          words,
          label: label ? ` (${label})` : '',
          count: cell.count,
          basis,
        })}
      </span>
    </Link>
  );
}
