/**
 * Which countries approach cyberspace alike, and why: scored on what they do (the judgement per theme and
 * sub-theme, and the kinds and dates of the instruments each judgement rests on), not on how many documents the
 * corpus holds for them. Pure: the compare cells and the instruments' facts come in, ranked pairs with their
 * reasons go out.
 */
import type { CompareCell, InstrumentFacts, Judgement } from './compare.js';

/** One country on one theme: its judgement and the instruments that judgement rests on. */
export interface Stance {
  judgement: Judgement;
  /** The instruments the judgement rests on, oldest first. */
  instruments: string[];
  kinds: string[];
  /** The year of the oldest of them. */
  since?: number;
}

/**
 * How two countries meet on a theme. Agreements: both have an instrument (`sharedKinds` says of which kinds), both
 * have only a draft. Differences: one goes further (an instrument against a draft or nothing, a draft against
 * nothing), both act but by different kinds of instrument, or years apart.
 */
export type PointKind =
  | 'both_instrument'
  | 'both_draft'
  | 'only_first'
  | 'only_other'
  | 'different_kinds'
  | 'years_apart';

export interface SimilarityPoint {
  theme: string;
  kind: PointKind;
  first: Stance;
  other: Stance;
  /** The instrument kinds both use on this theme. */
  sharedKinds: string[];
}

export interface Similarity {
  country: string;
  /** 0 to 1: how alike the two are in judgements (60 %), in the kinds of instrument (25 %) and in timing (15 %). */
  score: number;
  agreements: SimilarityPoint[];
  differences: SimilarityPoint[];
  /** The top-level themes both have an instrument for, and those only one has. */
  shared: string[];
  onlyFirst: string[];
  onlyOther: string[];
}

/** How far a judgement goes: a draft is half way to an instrument. */
const weight: Record<Judgement, number> = { instrument: 1, draft_only: 0.5, no_instrument: 0 };
/** Years apart beyond which two countries acting on a theme count as not alike in timing at all. */
const TIMING_SPAN = 10;
/** Years apart from which the gap is worth saying. */
const YEARS_APART = 5;

const yearOf = (date: string | undefined) => (date ? Number(date.slice(0, 4)) : undefined);

/** Each country's stance on each theme, from its compare cells and the facts of the instruments they rest on. */
export function stancesOf(
  cells: readonly CompareCell[],
  traits: (instrument: string) => InstrumentFacts | undefined,
): Map<string, Map<string, Stance>> {
  const byCountry = new Map<string, Map<string, Stance>>();
  for (const cell of cells) {
    const dated = cell.judgedOn
      .map((id) => ({ id, date: traits(id)?.date }))
      .sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || a.id.localeCompare(b.id));
    const stances = byCountry.get(cell.country) ?? new Map<string, Stance>();
    stances.set(cell.theme, {
      judgement: cell.judgement,
      instruments: dated.map((entry) => entry.id),
      kinds: [...new Set(dated.flatMap((entry) => traits(entry.id)?.kind ?? []))].sort(),
      since: yearOf(dated.find((entry) => entry.date)?.date),
    });
    byCountry.set(cell.country, stances);
  }
  return byCountry;
}

/** How two stances meet, or undefined when neither country has anything on the theme. */
function compareStances(theme: string, first: Stance, other: Stance): SimilarityPoint | undefined {
  const sharedKinds = first.kinds.filter((kind) => other.kinds.includes(kind));
  const point = (kind: PointKind) => ({ theme, kind, first, other, sharedKinds });
  if (first.judgement === 'no_instrument' && other.judgement === 'no_instrument') return undefined;
  if (first.judgement === other.judgement && first.judgement === 'draft_only') return point('both_draft');
  // One goes further than the other: an instrument against a draft or nothing, a draft against nothing.
  if (weight[first.judgement] > weight[other.judgement]) return point('only_first');
  if (weight[first.judgement] < weight[other.judgement]) return point('only_other');
  if (first.kinds.length > 0 && other.kinds.length > 0 && sharedKinds.length === 0) return point('different_kinds');
  if (first.since && other.since && Math.abs(first.since - other.since) >= YEARS_APART) return point('years_apart');
  return point('both_instrument');
}

const agreementKinds: ReadonlySet<PointKind> = new Set(['both_instrument', 'both_draft']);

/** The two countries' likeness over the themes given (top-level themes and sub-themes alike). */
function likeness(first: Map<string, Stance>, other: Map<string, Stance>, themes: readonly string[]) {
  let overlap = 0;
  let reach = 0;
  const kindScores: number[] = [];
  const timingScores: number[] = [];
  for (const theme of themes) {
    const a = first.get(theme);
    const b = other.get(theme);
    if (!a || !b) continue;
    overlap += Math.min(weight[a.judgement], weight[b.judgement]);
    reach += Math.max(weight[a.judgement], weight[b.judgement]);
    if (a.judgement !== 'instrument' || b.judgement !== 'instrument') continue;
    const kinds = new Set([...a.kinds, ...b.kinds]);
    if (kinds.size > 0) kindScores.push(a.kinds.filter((kind) => b.kinds.includes(kind)).length / kinds.size);
    if (a.since && b.since) timingScores.push(Math.max(0, 1 - Math.abs(a.since - b.since) / TIMING_SPAN));
  }
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((sum, x) => sum + x, 0) / values.length);
  const judgements = reach === 0 ? 0 : overlap / reach;
  return 0.6 * judgements + 0.25 * mean(kindScores) + 0.15 * mean(timingScores);
}

/**
 * Every other country ranked by likeness to `code`, each with the themes where the two agree and differ (in the
 * order of `themes`). `topLevel` names the themes the shared / only-one lists speak of.
 */
export function rankSimilar(
  stances: Map<string, Map<string, Stance>>,
  code: string,
  countries: readonly string[],
  themes: readonly string[],
  topLevel: readonly string[],
): Similarity[] {
  const first = stances.get(code) ?? new Map<string, Stance>();
  const has = (stancesOfCountry: Map<string, Stance>, theme: string) =>
    stancesOfCountry.get(theme)?.judgement === 'instrument';
  return countries
    .filter((country) => country !== code)
    .map((country) => {
      const other = stances.get(country) ?? new Map<string, Stance>();
      const points = themes.flatMap((theme) => {
        const a = first.get(theme);
        const b = other.get(theme);
        return a && b ? (compareStances(theme, a, b) ?? []) : [];
      });
      return {
        country,
        score: Math.round(likeness(first, other, themes) * 1000) / 1000,
        agreements: points.filter((point) => agreementKinds.has(point.kind)),
        differences: points.filter((point) => !agreementKinds.has(point.kind)),
        shared: topLevel.filter((theme) => has(first, theme) && has(other, theme)),
        onlyFirst: topLevel.filter((theme) => has(first, theme) && !has(other, theme)),
        onlyOther: topLevel.filter((theme) => !has(first, theme) && has(other, theme)),
      };
    })
    .sort((a, b) => b.score - a.score || a.country.localeCompare(b.country));
}

/** The names a sentence needs: countries, themes and instruments by id. */
export type NameOf = (id: string) => string;

const article = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

/** "a law", "a law and a strategy": the kinds of instrument a stance rests on. */
function kindsInWords(kinds: readonly string[]): string {
  const words = kinds.map(article);
  const last = words.pop();
  if (!last) return 'an instrument';
  return words.length === 0 ? last : `${words.join(', ')} and ${last}`;
}

/** " since 2016": when a stance's oldest instrument was adopted, where the corpus dates it. */
const sinceInWords = (stance: Stance) => (stance.since ? ` since ${stance.since}` : '');

/** What the country that goes further has: its kinds of instrument, or a draft. */
const holdsInWords = (stance: Stance) => (stance.judgement === 'draft_only' ? 'a draft' : kindsInWords(stance.kinds));

/** What the country that goes less far has: only a draft, or nothing dedicated to the theme. */
const lesserInWords = (stance: Stance) =>
  stance.judgement === 'draft_only' ? 'has only a draft' : 'has no dedicated instrument';

/**
 * The point in a sentence, e.g. "Both have a law on Personal data protection: China since 2021, Vietnam since
 * 2023." The instruments are the point's evidence, given beside it (first and other instruments), not repeated.
 */
export function pointInWords(point: SimilarityPoint, firstCountry: string, otherCountry: string, name: NameOf): string {
  const theme = name(point.theme);
  const a = name(firstCountry);
  const b = name(otherCountry);
  switch (point.kind) {
    case 'both_instrument':
      return `Both have ${kindsInWords(point.sharedKinds)} on ${theme}: ${a}${sinceInWords(point.first)}, ${b}${sinceInWords(point.other)}.`;
    case 'both_draft':
      return `Both have only a draft on ${theme}.`;
    case 'only_first':
      return `Only ${a} has ${holdsInWords(point.first)} on ${theme}${sinceInWords(point.first)}; ${b} ${lesserInWords(point.other)}.`;
    case 'only_other':
      return `Only ${b} has ${holdsInWords(point.other)} on ${theme}${sinceInWords(point.other)}; ${a} ${lesserInWords(point.first)}.`;
    case 'different_kinds':
      return `On ${theme}, ${a} relies on ${kindsInWords(point.first.kinds)} and ${b} on ${kindsInWords(point.other.kinds)}.`;
    case 'years_apart':
      return `Both act on ${theme}, years apart: ${a} from ${point.first.since}, ${b} from ${point.other.since}.`;
  }
}
