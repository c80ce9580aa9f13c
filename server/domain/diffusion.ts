/**
 * How a theme spread: for one theme, who adopted an instrument first and who followed, from the compare cells (the
 * instruments each judgement rests on) and the instruments' dates. Pure: no store, no GraphQL.
 */
import type { CompareCell, InstrumentFacts, Judgement } from './compare.js';

export interface Adoption {
  country: string;
  /** The country's first instrument on the theme: its own where it has one, else a regional one it is party to. */
  instrument: string;
  date: string;
  /** Whole years after the first adopter's date. */
  yearsAfterFirst: number;
  /** True when the first instrument is a regional or bilateral agreement, not the country's own. */
  regional: boolean;
  /** The other instruments the judgement rests on, oldest first. */
  later: string[];
}

export interface NotAdopted {
  country: string;
  judgement: Judgement;
  /** The drafts a "draft only" judgement rests on; undated instruments of a country that has some. */
  instruments: string[];
}

export interface Diffusion {
  /** In the order they adopted; ties in date by country code. */
  adopters: Adoption[];
  /** No dedicated instrument, only drafts, or only undated instruments. */
  notYet: NotAdopted[];
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** The diffusion of the theme of `cells` (one cell per country, all on the same theme). */
export function diffusionOf(
  cells: readonly CompareCell[],
  facts: (id: string) => InstrumentFacts | undefined,
): Diffusion {
  const steps: Omit<Adoption, 'yearsAfterFirst'>[] = [];
  const notYet: NotAdopted[] = [];
  for (const cell of cells) {
    const code = cell.country.replace(/^country:/, '');
    const enacted = cell.judgement === 'instrument' ? cell.judgedOn.filter((id) => facts(id)?.status !== 'draft') : [];
    const dated = enacted
      .flatMap((id) => {
        const date = facts(id)?.date;
        return date ? [{ id, date, own: (facts(id)?.countries ?? [code]).every((country) => country === code) }] : [];
      })
      .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    const first = dated.find((entry) => entry.own) ?? dated[0];
    if (!first) {
      notYet.push({ country: cell.country, judgement: cell.judgement, instruments: cell.judgedOn });
      continue;
    }
    steps.push({
      country: cell.country,
      instrument: first.id,
      date: first.date,
      regional: !first.own,
      later: dated.filter((entry) => entry.id !== first.id && entry.date >= first.date).map((entry) => entry.id),
    });
  }
  steps.sort((a, b) => a.date.localeCompare(b.date) || a.country.localeCompare(b.country));
  const start = steps[0] ? yearOf(steps[0].date) : 0;
  return {
    adopters: steps.map((step) => ({ ...step, yearsAfterFirst: yearOf(step.date) - start })),
    notYet: notYet.sort((a, b) => a.country.localeCompare(b.country)),
  };
}
