/**
 * The country × theme overview (a heatmap of judgements): one query, answered by GraphQL, that the explorer draws
 * and the HTTP export (/api/overview.csv, /api/overview.json) turns into rows. Pure: no store, no Node APIs.
 */
import { type Judgement, judgementInWords } from './compare.js';
import { toCsv } from './csv.js';

export const OVERVIEW_QUERY = `query Overview($subThemes: Boolean) {
  overview(subThemes: $subThemes) {
    countries { code label }
    themes { id label parent { id } }
    cells {
      country { code }
      theme { id }
      judgement judgementSource count earliest
      instruments { id }
      provisions { id }
      judgedOn { id }
      approach { label }
    }
  }
}`;

export interface OverviewData {
  overview: {
    countries: { code: string; label: string }[];
    themes: { id: string; label: string; parent: { id: string } | null }[];
    cells: {
      country: { code: string };
      theme: { id: string };
      judgement: Judgement;
      judgementSource: 'curated' | 'derived';
      count: number;
      earliest: string | null;
      instruments: { id: string }[];
      provisions: { id: string }[];
      judgedOn: { id: string }[];
      approach: { label: string | null } | null;
    }[];
  };
}

/** The comparison page that opens a cell: the country on the theme. */
export const comparePathOf = (country: string, theme: string) =>
  `/compare?countries=${encodeURIComponent(country)}&themes=${encodeURIComponent(theme)}`;

export interface OverviewRow {
  country: string;
  countryName: string;
  theme: string;
  themeLabel: string;
  parentTheme: string;
  judgement: Judgement;
  judgementInWords: string;
  /** The curated approach's judgement in a few words, where the corpus has one. */
  approachLabel: string;
  judgedFrom: 'curated' | 'derived';
  instruments: number;
  provisions: number;
  earliest: string;
  compare: string;
}

/** One row per cell, themes in taxonomy order and countries in the catalogue's order within each. */
export function overviewRows(data: OverviewData, origin = ''): OverviewRow[] {
  const { countries, themes, cells } = data.overview;
  const countryName = new Map(countries.map((country) => [country.code, country.label]));
  const themeOf = new Map(themes.map((theme) => [theme.id, theme]));
  return cells.map((cell) => {
    const theme = themeOf.get(cell.theme.id);
    return {
      country: cell.country.code,
      countryName: countryName.get(cell.country.code) ?? cell.country.code,
      theme: cell.theme.id,
      themeLabel: theme?.label ?? cell.theme.id,
      parentTheme: theme?.parent?.id ?? '',
      judgement: cell.judgement,
      judgementInWords: judgementInWords(cell),
      approachLabel: cell.approach?.label ?? '',
      judgedFrom: cell.judgementSource,
      instruments: cell.instruments.length,
      provisions: cell.provisions.length,
      earliest: cell.earliest ?? '',
      compare: `${origin}${comparePathOf(cell.country.code, cell.theme.id)}`,
    };
  });
}

const csvFields: (keyof OverviewRow)[] = [
  'country',
  'countryName',
  'theme',
  'themeLabel',
  'parentTheme',
  'judgement',
  'judgementInWords',
  'approachLabel',
  'judgedFrom',
  'instruments',
  'provisions',
  'earliest',
  'compare',
];

/** The rows as CSV, a header of their field names first. */
export const overviewCsv = (rows: OverviewRow[]) =>
  toCsv(
    csvFields,
    rows.map((row) => csvFields.map((field) => row[field])),
  );
