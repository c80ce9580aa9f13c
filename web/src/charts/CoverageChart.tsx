/** Bars: how many instruments and provisions of one country address each theme. */
export interface CoverageRow {
  themeId: string;
  label: string;
  count: number;
  coverage: string | null;
}

export default function CoverageChart({ rows, country }: { rows: CoverageRow[]; country: string }) {
  const max = Math.max(1, ...rows.map((row) => row.count));
  return (
    <figure className="chart coverage">
      <table>
        <caption>Instruments and provisions of {country} addressing each theme (sub-themes included)</caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Theme</th>
            <th scope="col">Share</th>
            <th scope="col">Count</th>
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
                {row.count > 0 ? row.count : row.coverage === 'draft_only' ? 'draft only' : 'none'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
