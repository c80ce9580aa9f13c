/** Bars: how many instruments and provisions of one country address each theme. */
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format.js';

export interface CoverageRow {
  themeId: string;
  label: string;
  count: number;
  coverage: string | null;
}

export default function CoverageChart({ rows, country }: { rows: CoverageRow[]; country: string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((row) => row.count));
  return (
    <figure className="chart coverage">
      <table>
        <caption>{t('coverage.caption', { country })}</caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{t('coverage.theme')}</th>
            <th scope="col">{t('coverage.share')}</th>
            <th scope="col">{t('coverage.count')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.themeId}>
              <th scope="row">{row.label}</th>
              <td className="bar-cell" aria-hidden="true">
                <svg viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false" aria-hidden="true">
                  <rect x="0" y="0" width="100" height="10" className="track" />
                  {row.count > 0 && <rect x="0" y="0" width={(100 * row.count) / max} height="10" className="bar" />}
                </svg>
              </td>
              <td className="bar-value">
                {row.count > 0
                  ? formatNumber(row.count)
                  : row.coverage === 'draft_only'
                    ? t('coverage.draftOnly')
                    : t('coverage.none')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
