/**
 * A similarity point in the reader's words, built from its structured fields (the kind of point, each side's
 * judgement and the instruments it rests on): the API's own sentence is in English only.
 */
import i18next from 'i18next';
import { countryName, instrumentKindLabel, listOf, themeName, yearOf } from './format.js';

/** What the explorer asks of a point: the theme, and each side's judgement with its evidence. */
export const SIMILARITY_POINT = `fragment SimilarityPoint on SimilarityPoint {
  theme { id label } kind firstJudgement otherJudgement
  firstInstruments { id title instrumentKind date } otherInstruments { id title instrumentKind date }
}`;

interface Evidence {
  id: string;
  title: string;
  instrumentKind: string;
  date: string | null;
}
type Judgement = 'instrument' | 'draft_only' | 'no_instrument';

export interface SimilarityPoint {
  theme: { id: string; label: string };
  kind: 'both_instrument' | 'both_draft' | 'only_first' | 'only_other' | 'different_kinds' | 'years_apart';
  firstJudgement: Judgement;
  otherJudgement: Judgement;
  /** Oldest first, as the API gives them. */
  firstInstruments: Evidence[];
  otherInstruments: Evidence[];
}

interface Country {
  code: string;
  label: string;
}

/** One side of a point: its judgement, the kinds of instrument it rests on and the year it first acted. */
interface Side {
  judgement: Judgement;
  kinds: string[];
  since?: number;
}

function sideOf(judgement: Judgement, instruments: Evidence[]): Side {
  const years = instruments.flatMap((instrument) => yearOf(instrument.date) ?? []);
  return {
    judgement,
    kinds: [...new Set(instruments.map((instrument) => instrument.instrumentKind))].sort(),
    since: years.length > 0 ? Math.min(...years) : undefined,
  };
}

/** "a law and a strategy", "法律和战略". */
function kindsInWords(kinds: readonly string[]): string {
  if (kinds.length === 0) return i18next.t('similarity.anInstrument');
  return listOf(
    kinds.map((kind) => {
      const word = instrumentKindLabel(kind).toLowerCase();
      // The article English needs: "an agreement"; languages without articles give both forms alike.
      return i18next.t('similarity.kindWithArticle', {
        kind: word,
        context: /^[aeiou]/.test(word) ? 'vowel' : undefined,
      });
    }),
  );
}

/** " since 2016", "自 2016 年起", or nothing where the corpus dates none of the side's instruments. */
const sinceInWords = (side: Side) => (side.since ? i18next.t('similarity.since', { year: String(side.since) }) : '');

/** The side that goes further has a draft or instruments; the other only a draft, or nothing dedicated. */
function onlyOne(theme: string, ahead: string, aheadSide: Side, behind: string, behindSide: Side): string {
  return i18next.t('similarity.onlyOne', {
    ahead,
    behind,
    theme,
    holds: aheadSide.judgement === 'draft_only' ? i18next.t('similarity.aDraft') : kindsInWords(aheadSide.kinds),
    since: sinceInWords(aheadSide),
    lesser: i18next.t(behindSide.judgement === 'draft_only' ? 'similarity.onlyDraft' : 'similarity.noDedicated'),
  });
}

/** The point in a sentence, e.g. "Both have a law on Personal data protection: China since 2021, Vietnam since 2023." */
export function pointSentence(point: SimilarityPoint, firstCountry: Country, otherCountry: Country): string {
  const theme = themeName(point.theme);
  const first = countryName(firstCountry);
  const other = countryName(otherCountry);
  const a = sideOf(point.firstJudgement, point.firstInstruments);
  const b = sideOf(point.otherJudgement, point.otherInstruments);
  switch (point.kind) {
    case 'both_instrument':
      return i18next.t('similarity.bothInstrument', {
        kinds: kindsInWords(a.kinds.filter((kind) => b.kinds.includes(kind))),
        theme,
        first,
        firstSince: sinceInWords(a),
        other,
        otherSince: sinceInWords(b),
      });
    case 'both_draft':
      return i18next.t('similarity.bothDraft', { theme });
    case 'only_first':
      return onlyOne(theme, first, a, other, b);
    case 'only_other':
      return onlyOne(theme, other, b, first, a);
    case 'different_kinds':
      return i18next.t('similarity.differentKinds', {
        theme,
        first,
        firstKinds: kindsInWords(a.kinds),
        other,
        otherKinds: kindsInWords(b.kinds),
      });
    case 'years_apart':
      return i18next.t('similarity.yearsApart', {
        theme,
        first,
        firstYear: String(a.since),
        other,
        otherYear: String(b.since),
      });
  }
}
