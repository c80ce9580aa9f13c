/** Text with the API's highlight ranges ([start, end) in UTF-16 code units) rendered as <mark>, never as HTML. */
export interface HighlightedText {
  text: string;
  highlights: { start: number; end: number }[];
}

/** Ranges that touch become one mark: the API highlights Chinese and Thai a character or a word at a time. */
function mergedRanges(highlights: HighlightedText['highlights']): HighlightedText['highlights'] {
  const merged: HighlightedText['highlights'] = [];
  for (const range of [...highlights].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

export function Highlighted({ value }: { value: HighlightedText }) {
  const ranges = mergedRanges(value.highlights);
  const parts: { text: string; marked: boolean; at: number }[] = [];
  let position = 0;
  for (const range of ranges) {
    const start = Math.max(range.start, position);
    const end = Math.min(range.end, value.text.length);
    if (end <= start) continue;
    if (start > position) parts.push({ text: value.text.slice(position, start), marked: false, at: position });
    parts.push({ text: value.text.slice(start, end), marked: true, at: start });
    position = end;
  }
  if (position < value.text.length) parts.push({ text: value.text.slice(position), marked: false, at: position });
  return (
    <>
      {parts.map((part) =>
        part.marked ? <mark key={part.at}>{part.text}</mark> : <span key={part.at}>{part.text}</span>,
      )}
    </>
  );
}
