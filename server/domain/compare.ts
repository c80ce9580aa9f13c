/** Comparison matrix and similarity of approaches, computed from GraphStore primitives (same on every backend). */
import type { ThemeLink } from '../graph/graph-store.js';
import type { ThemeTree } from './themes.js';

export interface CompareCell {
  country: string;
  theme: string;
  count: number;
  earliest?: string;
  instruments: string[];
  provisions: string[];
}

/** One cell per theme × country (themes first, in the order asked), each theme including its sub-themes. */
export function compareCells(
  links: ThemeLink[],
  countries: string[],
  themes: string[],
  tree: ThemeTree,
): CompareCell[] {
  const byCell = new Map<string, ThemeLink[]>();
  for (const link of links) {
    const key = `${link.country}\u0000${link.theme}`;
    const list = byCell.get(key);
    if (list) list.push(link);
    else byCell.set(key, [link]);
  }
  const cells: CompareCell[] = [];
  for (const theme of themes) {
    const covered = tree.withDescendants(theme);
    for (const country of countries) {
      const matching = covered.flatMap((id) => byCell.get(`${country}\u0000${id}`) ?? []);
      const instruments = [...new Set(matching.map((link) => link.instrument))].sort();
      const provisions = [...new Set(matching.flatMap((link) => (link.provision ? [link.provision] : [])))].sort();
      const dates = matching.flatMap((link) => (link.date ? [link.date] : [])).sort();
      cells.push({
        country,
        theme,
        count: instruments.length + provisions.length,
        earliest: dates[0],
        instruments,
        provisions,
      });
    }
  }
  return cells;
}

export interface Similarity {
  country: string;
  score: number;
  shared: string[];
  onlyFirst: string[];
  onlyOther: string[];
}

/**
 * Each country's profile is how many of its provisions and instruments address each theme; two
 * countries are alike when their profiles point the same way (cosine similarity), whatever their size.
 */
export function rankSimilar(links: ThemeLink[], code: string, countries: string[], themes: string[]): Similarity[] {
  const profiles = new Map<string, Map<string, number>>();
  for (const link of links) {
    const profile = profiles.get(link.country) ?? new Map<string, number>();
    profile.set(link.theme, (profile.get(link.theme) ?? 0) + 1);
    profiles.set(link.country, profile);
  }
  const first = profiles.get(code) ?? new Map<string, number>();
  const norm = (profile: Map<string, number>) =>
    Math.sqrt(themes.reduce((sum, theme) => sum + (profile.get(theme) ?? 0) ** 2, 0));
  return countries
    .filter((country) => country !== code)
    .map((country) => {
      const other = profiles.get(country) ?? new Map<string, number>();
      const dot = themes.reduce((sum, theme) => sum + (first.get(theme) ?? 0) * (other.get(theme) ?? 0), 0);
      const denominator = norm(first) * norm(other);
      const has = (profile: Map<string, number>, theme: string) => (profile.get(theme) ?? 0) > 0;
      return {
        country,
        score: denominator === 0 ? 0 : Math.round((dot / denominator) * 1000) / 1000,
        shared: themes.filter((theme) => has(first, theme) && has(other, theme)),
        onlyFirst: themes.filter((theme) => has(first, theme) && !has(other, theme)),
        onlyOther: themes.filter((theme) => !has(first, theme) && has(other, theme)),
      };
    })
    .sort((a, b) => b.score - a.score || a.country.localeCompare(b.country));
}
