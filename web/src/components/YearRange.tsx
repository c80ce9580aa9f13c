/**
 * A span of years picked with two sliders: each thumb is large and visible, moves with a pointer, a thumb on a
 * touch screen or the arrow keys, and the years chosen are written beside it. The span is reported once the
 * sliders rest, so dragging does not ask for a new page at every step.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../lib/useDebounced.js';

export function YearRange({
  min,
  max,
  from,
  to,
  onChange,
}: {
  min: number;
  max: number;
  from: number;
  to: number;
  /** The span once the sliders rest; the two ends never cross. */
  onChange: (from: number, to: number) => void;
}) {
  const { t } = useTranslation();
  const [span, setSpan] = useState({ from, to, moved: false });
  // The span changed under the sliders (Clear filters, back and forward): follow it.
  useEffect(() => setSpan({ from, to, moved: false }), [from, to]);
  const settled = useDebounced(span, 350);
  useEffect(() => {
    // Only a span the reader moved, once it has rested (the settled value is the current one).
    if (settled === span && span.moved && (span.from !== from || span.to !== to)) onChange(span.from, span.to);
  }, [settled, span, from, to, onChange]);

  return (
    <fieldset className="year-range">
      <legend>{t('timeline.years', { from: span.from, to: span.to })}</legend>
      <YearSlider
        label={t('timeline.from')}
        min={min}
        max={max}
        year={span.from}
        onYear={(year) => setSpan({ from: year, to: Math.max(year, span.to), moved: true })}
      />
      <YearSlider
        label={t('timeline.to')}
        min={min}
        max={max}
        year={span.to}
        onYear={(year) => setSpan({ from: Math.min(year, span.from), to: year, moved: true })}
      />
    </fieldset>
  );
}

function YearSlider({
  label,
  min,
  max,
  year,
  onYear,
}: {
  label: string;
  min: number;
  max: number;
  year: number;
  onYear: (year: number) => void;
}) {
  return (
    <label>
      <span>{label}</span>
      <input
        type="range"
        min={min}
        max={max}
        step={1}
        value={year}
        onChange={(event) => onYear(Number(event.target.value))}
      />
      <output>{year}</output>
    </label>
  );
}
