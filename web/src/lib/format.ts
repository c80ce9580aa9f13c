/** Labels of the model's codes, and dates, numbers and lists, in the reader's language. */
import i18next from 'i18next';
import { en } from '../i18n/en.js';
import { currentLanguage, currentLocale } from '../i18n/index.js';
import { themeNames } from '../i18n/themes.js';

const known = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(table, key);

export const statusLabel = (status: string | null | undefined) =>
  !status ? '' : known(en.status, status) ? i18next.t(`status.${status}`) : status;

/** An instrument's kind (law, strategy…); a kind the explorer has no word for yet is shown as the API names it. */
export const instrumentKindLabel = (kind: string) =>
  known(en.instrumentKind, kind) ? i18next.t(`instrumentKind.${kind}`) : capitalise(kind);

/** A node's kind (Instrument, Person…), or an instrument's kind where the node has one. */
export const kindLabel = (kind: string) =>
  known(en.nodeKind, kind) ? i18next.t(`nodeKind.${kind}`) : instrumentKindLabel(kind);

export function relationshipLabel(type: string, direction: 'OUTGOING' | 'INCOMING'): string {
  if (!known(en.relationship, type)) return type.toLowerCase().replaceAll('_', ' ');
  return i18next.t(`relationship.${type}.${direction}`);
}

/**
 * A country's name in the reader's language: in English the corpus's own name, otherwise the name the browser's
 * Intl data gives its ISO code (越南 for VN), falling back to the corpus's name for a code it does not know.
 */
export function countryName(country: { code: string; label: string }): string {
  if (currentLanguage() === 'en') return country.label;
  const code = country.code.replace(/^country:/, '');
  try {
    const name = new Intl.DisplayNames(currentLocale(), { type: 'region', fallback: 'none' }).of(code);
    return name ?? country.label;
  } catch {
    return country.label; // not a region code
  }
}

/** A theme's name in the reader's language: the corpus's label in English, else our name for its id (the label if none). */
export function themeName(theme: { id: string; label: string }): string {
  const language = currentLanguage();
  if (language === 'en') return theme.label;
  return themeNames[language][theme.id.replace(/^theme:/, '')] ?? theme.label;
}

/** A graph node's name in the reader's language: countries and themes have names of ours; the rest as the corpus writes them. */
export function nodeName(node: { id: string; kind: string; label: string }): string {
  if (node.kind === 'Theme') return themeName(node);
  if (node.kind === 'Country') return countryName({ code: node.id, label: node.label });
  return node.label;
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replaceAll('_', ' ');

/** A short list of names, as a caption lists them: "China, Vietnam", "中国、越南". */
export const namesList = (items: string[]) => items.join(i18next.t('format.separator'));

export const listOf = (items: string[]) => new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format(items);

export const formatNumber = (value: number) => new Intl.NumberFormat(currentLocale()).format(value);

/** A score from 0 to 1, to two decimals. */
export const formatScore = (score: number) =>
  new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(score);

/**
 * A corpus date (YYYY, YYYY-MM or YYYY-MM-DD) as the reader writes dates: "29 Aug 2015", "2015年8月29日". Only
 * the parts the corpus knows are shown; anything else is shown as it is.
 */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!match) return date;
  const [, year, month, day] = match;
  const at = new Date(Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1)));
  return new Intl.DateTimeFormat(currentLocale(), {
    timeZone: 'UTC',
    year: 'numeric',
    ...(month ? { month: 'short' } : {}),
    ...(day ? { day: 'numeric' } : {}),
  }).format(at);
}

export const yearOf = (date: string | null | undefined) => (date ? Number.parseInt(date.slice(0, 4), 10) : undefined);

/** The range of a chart's year axis, never zero-wide. */
export function yearsSpan(years: number[]): [number, number] {
  const min = Math.min(...years);
  const max = Math.max(...years);
  return min === max ? [min - 1, max + 1] : [min, max];
}
