const statusLabels: Record<string, string> = {
  in_force: 'In force',
  amended: 'Amended',
  repealed: 'Repealed',
  superseded: 'Superseded',
  draft: 'Draft',
  not_applicable: 'Not applicable',
};

export const statusLabel = (status: string | null | undefined) => (status ? (statusLabels[status] ?? status) : '');

const relationshipLabels: Record<string, [outgoing: string, incoming: string]> = {
  AMENDS: ['Amends', 'Amended by'],
  IMPLEMENTS: ['Implements', 'Implemented by'],
  SUPERSEDES: ['Supersedes', 'Superseded by'],
  REFERENCES: ['References', 'Referenced by'],
  MODELED_ON: ['Modelled on', 'Model for'],
};

export function relationshipLabel(type: string, direction: 'OUTGOING' | 'INCOMING'): string {
  const labels = relationshipLabels[type];
  if (!labels) return type.toLowerCase().replaceAll('_', ' ');
  return direction === 'OUTGOING' ? labels[0] : labels[1];
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replaceAll('_', ' ');

export const listOf = (items: string[]) => new Intl.ListFormat('en', { type: 'conjunction' }).format(items);

export const yearOf = (date: string | null | undefined) => (date ? Number.parseInt(date.slice(0, 4), 10) : undefined);

/** The range of a chart's year axis, never zero-wide. */
export function yearsSpan(years: number[]): [number, number] {
  const min = Math.min(...years);
  const max = Math.max(...years);
  return min === max ? [min - 1, max + 1] : [min, max];
}
