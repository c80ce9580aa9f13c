/** Dots on a year axis, one lane per country: when each country enacted what, and how policies spread. */
import { formatDate, yearOf, yearsSpan } from '../lib/format.js';

export interface TimelinePoint {
  id: string;
  date: string;
  label: string;
  lane: string;
  kind: string;
}

export default function TimelineChart({
  points,
  lanes,
  onSelect,
  caption,
}: {
  points: TimelinePoint[];
  lanes: { id: string; label: string }[];
  onSelect?: (id: string) => void;
  caption: string;
}) {
  const dated = points.filter((point) => yearOf(point.date) !== undefined);
  if (dated.length === 0 || lanes.length === 0) return null;
  const [first, last] = yearsSpan(dated.map((point) => yearOf(point.date) ?? 0));
  const width = 800;
  const left = 90;
  const right = 16;
  const laneHeight = 28;
  const top = 8;
  const height = top + lanes.length * laneHeight + 26;
  const x = (year: number) => left + ((width - left - right) * (year - first)) / (last - first);
  const step = Math.max(1, Math.ceil((last - first) / 10));
  const ticks: number[] = [];
  for (let year = Math.ceil(first / step) * step; year <= last; year += step) ticks.push(year);
  // Several instruments in one lane and year are stacked sideways so each stays visible and clickable.
  const seen = new Map<string, number>();

  return (
    <figure className="chart timeline-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={caption}>
        {ticks.map((year) => (
          <g key={year}>
            <line x1={x(year)} x2={x(year)} y1={top} y2={height - 22} className="grid" />
            <text x={x(year)} y={height - 6} textAnchor="middle" className="tick">
              {year}
            </text>
          </g>
        ))}
        {lanes.map((lane, index) => (
          <g key={lane.id}>
            <line
              x1={left}
              x2={width - right}
              y1={top + index * laneHeight + laneHeight / 2}
              y2={top + index * laneHeight + laneHeight / 2}
              className="lane"
            />
            <text
              x={left - 8}
              y={top + index * laneHeight + laneHeight / 2 + 4}
              textAnchor="end"
              className="lane-label"
            >
              {lane.label}
            </text>
          </g>
        ))}
        {dated.map((point) => {
          const laneIndex = lanes.findIndex((lane) => lane.id === point.lane);
          if (laneIndex < 0) return null;
          const year = yearOf(point.date) ?? first;
          const key = `${point.lane}:${year}`;
          const stacked = seen.get(key) ?? 0;
          seen.set(key, stacked + 1);
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: the same entries are listed as links below the chart
            <circle
              key={`${point.id}:${point.lane}`}
              cx={x(year) + stacked * 4}
              cy={top + laneIndex * laneHeight + laneHeight / 2}
              r={5}
              className={`dot kind-${point.kind}`}
              onClick={onSelect ? () => onSelect(point.id) : undefined}
            >
              <title>{`${formatDate(point.date)} — ${point.label}`}</title>
            </circle>
          );
        })}
      </svg>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
