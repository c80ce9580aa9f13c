/**
 * Meilisearch filter expressions from the typed SearchFilter. Nothing the user sends is pasted into
 * the expression as syntax: attribute names come from a fixed table, every value is quoted and
 * escaped, and each sub-expression is parenthesised so that no value can change how the others combine.
 */
import type { FacetName, SearchFilter } from '../search-index.js';

/** The port's facet names and the document attributes they filter and count. */
export const facetAttributes = {
  kind: 'kind',
  country: 'countries',
  instrumentKind: 'instrumentKind',
  theme: 'themes',
  status: 'status',
  year: 'year',
} as const satisfies Record<FacetName, string>;

/** Years are clamped into this range, so any number renders as a plain integer Meilisearch parses. */
const yearBound = 1_000_000;

/** A double-quoted filter value: backslashes escaped first, then double quotes. */
export function quoteFilterValue(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function anyOf(attribute: string, values: readonly string[] | undefined): string | undefined {
  if (!values || values.length === 0) return undefined;
  return `(${[...new Set(values)].map((value) => `${attribute} = ${quoteFilterValue(String(value))}`).join(' OR ')})`;
}

function yearValue(year: number, round: (value: number) => number): string {
  if (Number.isNaN(year)) throw new RangeError('a year filter must be a number');
  return String(Math.max(-yearBound, Math.min(yearBound, round(year))));
}

function yearRange(filter: SearchFilter): string | undefined {
  const from = typeof filter.yearFrom === 'number' ? filter.yearFrom : undefined;
  const to = typeof filter.yearTo === 'number' ? filter.yearTo : undefined;
  const bounds = [
    ...(from === undefined ? [] : [`year >= ${yearValue(from, Math.ceil)}`]),
    ...(to === undefined ? [] : [`year <= ${yearValue(to, Math.floor)}`]),
  ];
  return bounds.length === 0 ? undefined : `(${bounds.join(' AND ')})`;
}

/** The sub-expression of each facet the filter constrains; an empty list constrains nothing. */
export function facetConditions(filter: SearchFilter): Partial<Record<FacetName, string>> {
  const conditions: Partial<Record<FacetName, string | undefined>> = {
    kind: anyOf(facetAttributes.kind, filter.kinds),
    country: anyOf(facetAttributes.country, filter.countries),
    instrumentKind: anyOf(facetAttributes.instrumentKind, filter.instrumentKinds),
    theme: anyOf(facetAttributes.theme, filter.themes),
    status: anyOf(facetAttributes.status, filter.statuses),
    year: yearRange(filter),
  };
  return Object.fromEntries(Object.entries(conditions).filter(([, condition]) => condition !== undefined));
}

/**
 * The whole filter expression, optionally leaving out one facet's own condition; undefined when nothing filters.
 * The group condition is not a facet: it always applies.
 */
export function buildFilter(filter: SearchFilter, except?: FacetName): string | undefined {
  const conditions = [
    ...Object.entries(facetConditions(filter))
      .filter(([facet]) => facet !== except)
      .map(([, condition]) => condition),
    ...(filter.groups ? [anyOf('group', filter.groups) ?? 'group NOT EXISTS AND group EXISTS'] : []),
  ];
  return conditions.length === 0 ? undefined : conditions.join(' AND ');
}
