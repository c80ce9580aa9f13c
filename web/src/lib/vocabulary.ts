/** The countries and themes lists, fetched once and shared by every picker. */
import { useQuery } from 'urql';
import type { CheckItem } from '../components/CheckList.js';
import { countryName, themeName } from './format.js';

export interface CountryItem {
  code: string;
  label: string;
  asean: boolean;
}
export interface ThemeItem {
  id: string;
  label: string;
  parent: { id: string } | null;
}

const VOCABULARY = `{ countries { code label asean } themes { id label parent { id } } }`;

export function useVocabulary() {
  const [result, reexecute] = useQuery<{ countries: CountryItem[]; themes: ThemeItem[] }>({ query: VOCABULARY });
  return { result, retry: () => reexecute({ requestPolicy: 'network-only' }) };
}

/** Themes as picker items in taxonomy order: each top-level theme followed by its sub-themes, indented. */
export function themeChecks(themes: ThemeItem[]): CheckItem[] {
  const item = (theme: ThemeItem, depth: number): CheckItem => ({ value: theme.id, label: themeName(theme), depth });
  return themes
    .filter((theme) => !theme.parent)
    .flatMap((top) => [
      item(top, 0),
      ...themes.filter((theme) => theme.parent?.id === top.id).map((theme) => item(theme, 1)),
    ]);
}

/** Countries as picker items, by their ISO code. */
export function countryChecks(countries: CountryItem[]): CheckItem[] {
  return countries.map((country) => ({ value: country.code, label: countryName(country) }));
}
