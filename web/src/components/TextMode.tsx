const descriptions: Record<string, string> = {
  quotation: 'Official wording, quoted from the source',
  paraphrase: 'Our words, summarising the source',
  original: 'The text of the document as published',
};

export function TextModeBadge({ mode }: { mode: string | null | undefined }) {
  if (!mode) return null;
  return (
    <span className={`badge mode-${mode}`} title={descriptions[mode]}>
      {mode}
    </span>
  );
}
