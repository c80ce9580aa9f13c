/** Text with the API's highlight ranges ([start, end) in UTF-16 code units) rendered as <mark>, never as HTML. */
export interface HighlightedText {
  text: string;
  highlights: { start: number; end: number }[];
}

export function Highlighted({ value }: { value: HighlightedText }) {
  const ranges = [...value.highlights].sort((a, b) => a.start - b.start);
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
