/** Comparison matrix, computed from GraphStore primitives (same on every backend). */
import { en } from '../../web/src/i18n/en.js';
import type { ThemeLink } from '../graph/graph-store.js';
import type { ThemeTree } from './themes.js';

/** Whether a country has an instrument for a theme: the curated approach's coverage, or one derived from the instruments. */
export type Judgement = 'instrument' | 'draft_only' | 'no_instrument';

/** The part of a curated approach (corpus/approaches/*.yaml) a cell rests on. */
export interface CuratedApproach {
  theme: string;
  coverage: Judgement;
  instruments: readonly string[];
  provisions: readonly string[];
}

/** What a cell needs to know of an instrument beyond its theme links: its kind, status and date. */
export interface InstrumentFacts {
  /** law, regulation, strategy, agreement… */
  kind?: string;
  status?: string;
  date?: string;
  /** The codes of its countries: more than one for a regional or bilateral instrument. */
  countries?: readonly string[];
}

export interface CompareSources {
  /** A country's curated approaches, one per top-level theme. */
  approaches?: (country: string) => readonly CuratedApproach[];
  /** An instrument's status and date, for instruments named only by an approach and for derived judgements. */
  instrument?: (id: string) => InstrumentFacts | undefined;
  /** The instrument a provision belongs to, for provisions named only by an approach. */
  instrumentOf?: (provision: string) => string | undefined;
}

export interface CompareCell {
  country: string;
  theme: string;
  count: number;
  earliest?: string;
  /** The judgement: curated where the corpus has an approach for this country and theme, else derived. */
  judgement: Judgement;
  judgementSource: 'curated' | 'derived';
  /** The curated approach's theme, when the corpus has one for exactly this cell's theme. */
  approach?: string;
  /**
   * Whole instruments: those the approach rests on first (in its order, then those of the key provisions it names),
   * then every other one tagged, oldest first.
   */
  instruments: string[];
  /** Key provisions: those the approach names first (in its order), then every other one tagged, in id order. */
  provisions: string[];
  /**
   * The instruments listed that the judgement rests on: those the curated approach names (for "instrument"), the
   * country's own drafts (for "draft only"), its own enacted ones (derived "instrument"); none for "no instrument",
   * where whatever is listed is only related.
   */
  judgedOn: string[];
}

/**
 * The instruments listed that are the country's own: a regional or bilateral agreement it is party to is listed
 * but judges nothing.
 */
function ownInstruments(country: string, instruments: readonly string[], facts: CompareSources['instrument']) {
  const code = country.replace(/^country:/, '');
  return instruments.filter((id) => {
    const countries = facts?.(id)?.countries;
    return !countries || (countries.length === 1 && countries[0] === code);
  });
}

/**
 * Derived when no approach is curated, from the country's own instruments: one that is not a draft means
 * "instrument", only drafts mean "draft only", none at all "no instrument".
 */
export function deriveJudgement(own: readonly string[], facts: CompareSources['instrument']): Judgement {
  if (own.length === 0) return 'no_instrument';
  return own.every((id) => facts?.(id)?.status === 'draft') ? 'draft_only' : 'instrument';
}

/**
 * The judgement in words, as every view and export says it. When none of the instruments listed is one the
 * judgement rests on, it says so: a "no instrument" cell may still list related instruments (a regional agreement,
 * a wider plan), and a curated "has an instrument" may rest on one the corpus does not hold.
 */
export function judgementWording(cell: {
  judgement: Judgement;
  judgedOn: readonly unknown[];
  instruments: readonly unknown[];
  provisions: readonly unknown[];
}): JudgementWording {
  if (cell.judgement === 'draft_only') return 'draftOnly';
  if (cell.judgement === 'instrument') return cell.judgedOn.length > 0 ? 'hasInstrument' : 'notHeldHere';
  return cell.instruments.length + cell.provisions.length > 0 ? 'noDedicated' : 'none';
}
export type JudgementWording = keyof typeof en.judgement;

/** The judgement in English words, as the exports say it; the explorer says the same wording in its reader's language. */
export const judgementInWords = (cell: Parameters<typeof judgementWording>[0]): string =>
  en.judgement[judgementWording(cell)];

/** One cell per theme × country (themes first, in the order asked), each theme including its sub-themes. */
export function compareCells(
  links: ThemeLink[],
  countries: string[],
  themes: string[],
  tree: ThemeTree,
  sources: CompareSources = {},
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
      const approach = sources.approaches?.(country).find((candidate) => candidate.theme === theme);
      const matching = covered.flatMap((id) => byCell.get(`${country}\u0000${id}`) ?? []);
      const linkDates = new Map<string, string>();
      for (const link of matching) if (link.date) linkDates.set(link.instrument, link.date);
      const dateOf = (id: string) => sources.instrument?.(id)?.date ?? linkDates.get(id);
      const tagged = [...new Set(matching.map((link) => link.instrument))]
        .filter(
          (id) =>
            !approach?.instruments.includes(id) &&
            !approach?.provisions.some((provision) => sources.instrumentOf?.(provision) === id),
        )
        .sort((a, b) => (dateOf(a) ?? '\uffff').localeCompare(dateOf(b) ?? '\uffff') || a.localeCompare(b));
      // A key provision the approach names brings its instrument along: every provision listed has its instrument.
      const curated = [
        ...(approach?.instruments ?? []),
        ...(approach?.provisions ?? []).flatMap((id) => sources.instrumentOf?.(id) ?? []),
      ];
      const instruments = [...new Set([...curated, ...tagged])];
      const taggedProvisions = [
        ...new Set(matching.flatMap((link) => (link.provision ? [link.provision] : []))),
      ].sort();
      const provisions = [...new Set([...(approach?.provisions ?? []), ...taggedProvisions])];
      const dates = instruments.flatMap((id) => dateOf(id) ?? []).sort();
      const own = ownInstruments(country, instruments, sources.instrument);
      const isDraft = (id: string) => sources.instrument?.(id)?.status === 'draft';
      const judgement = approach?.coverage ?? deriveJudgement(own, sources.instrument);
      const judgedOn =
        judgement === 'no_instrument'
          ? []
          : judgement === 'draft_only'
            ? own.filter(isDraft)
            : approach
              ? [...new Set(curated)]
              : own.filter((id) => !isDraft(id));
      cells.push({
        country,
        theme,
        count: instruments.length + provisions.length,
        earliest: dates[0],
        judgement,
        judgementSource: approach ? 'curated' : 'derived',
        ...(approach ? { approach: approach.theme } : {}),
        instruments,
        provisions,
        judgedOn,
      });
    }
  }
  return cells;
}
