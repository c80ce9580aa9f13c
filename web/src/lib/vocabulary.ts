/** The countries and themes lists, fetched once and shared by every picker. */
import { useQuery } from 'urql';

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

/** Themes in taxonomy order: each top-level theme followed by its sub-themes. */
export function orderedThemes(themes: ThemeItem[]): (ThemeItem & { depth: number })[] {
  const topLevel = themes.filter((theme) => !theme.parent);
  return topLevel.flatMap((top) => [
    { ...top, depth: 0 },
    ...themes.filter((theme) => theme.parent?.id === top.id).map((theme) => ({ ...theme, depth: 1 })),
  ]);
}
