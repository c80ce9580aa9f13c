/** The search API's hit, as the explorer asks for it, and where each kind of hit leads. */
import type { HighlightedText } from '../components/Highlighted.js';
import { countryPath, entityPath, graphPath, href, instrumentPath } from './router.js';

/** Asked for a result and for each of the provisions and quotes grouped under it. */
export const HIT_FIELDS = `fragment HitFields on SearchHit {
  id kind allWords via
  title { text highlights { start end } }
  snippet { text highlights { start end } }
  matchedFields { field snippet { text highlights { start end } } }
  node {
    id label
    ... on Provision { anchor themes { id label } }
    ... on Quote { provision { anchor } speaker { label } themes { id label } }
    ... on Instrument { themes { id label } }
    ... on Country { code }
  }
  instrument { id title titleLocal date inForce status instrumentKind countries { code label } }
}`;

export type HitKind = 'Instrument' | 'Provision' | 'Quote' | 'Person' | 'Organization' | 'Event' | 'Country' | 'Theme';
export type SearchField = 'name' | 'aliases' | 'titleLocal' | 'countryNames' | 'text' | 'parentTitle' | 'themeText';
export type ExpansionKind = 'typo' | 'prefix' | 'folding' | 'synonym';

export interface HitFields {
  id: string;
  kind: HitKind;
  allWords: boolean;
  via: ExpansionKind[];
  title: HighlightedText;
  snippet: HighlightedText;
  matchedFields: { field: SearchField; snippet: HighlightedText }[];
  node: {
    id: string;
    label: string;
    anchor?: string;
    provision?: { anchor: string } | null;
    speaker?: { label: string } | null;
    themes?: { id: string; label: string }[];
    code?: string;
  };
  /** Null for people, organizations, events, countries and themes. */
  instrument: {
    id: string;
    title: string;
    titleLocal: string | null;
    date: string | null;
    inForce: string | null;
    status: string | null;
    instrumentKind: string;
    countries: { code: string; label: string }[];
  } | null;
}

export interface SearchHit extends HitFields {
  matches: HitFields[];
}

/**
 * Instruments, provisions and quotes open at their place in the instrument and countries on their page; the
 * explorer has no page of its own for people, organizations and events, so they open in the graph, and a theme
 * opens the comparison of countries on it.
 */
export function hitPath(hit: HitFields): string {
  if (hit.instrument) return instrumentPath(hit.instrument.id, hit.node.anchor ?? hit.node.provision?.anchor);
  switch (hit.kind) {
    case 'Country':
      return countryPath(hit.node.code ?? hit.node.id);
    case 'Theme':
      return href('/compare', { themes: [hit.node.id] });
    case 'Person':
    case 'Organization':
    case 'Event':
      return entityPath(hit.node.id);
    default:
      return graphPath(hit.node.id);
  }
}
