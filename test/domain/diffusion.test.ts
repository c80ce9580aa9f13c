/** Diffusion of a theme: who adopted first and who followed, from the instruments each judgement rests on. */
import { describe, expect, it } from 'vitest';
import type { InstrumentFacts, Judgement } from '../../server/domain/compare.js';
import { diffusionOf } from '../../server/domain/diffusion.js';
import { compareCell } from '../helpers/compare-cell.js';

const facts: Record<string, InstrumentFacts> = {
  'my-pdpa': { status: 'in_force', date: '2010-06-02', countries: ['MY'] },
  'my-amendment': { status: 'in_force', date: '2024-10-09', countries: ['MY'] },
  'sg-pdpa': { status: 'in_force', date: '2012-10-15', countries: ['SG'] },
  'ph-dpa': { status: 'in_force', date: '2012-08-15', countries: ['PH'] },
  asean: { status: 'in_force', date: '2000-11-24', countries: ['BN', 'LA', 'MY', 'PH', 'SG'] },
  'kh-draft': { status: 'draft', date: '2023', countries: ['KH'] },
  'bn-undated': { status: 'in_force', countries: ['BN'] },
};
const cell = (country: string, judgement: Judgement, judgedOn: string[]) =>
  compareCell(`country:${country}`, 'theme:personal-data', judgement, judgedOn);

describe('diffusionOf', () => {
  const diffusion = diffusionOf(
    [
      cell('SG', 'instrument', ['sg-pdpa']),
      cell('MY', 'instrument', ['my-amendment', 'asean', 'my-pdpa']),
      cell('PH', 'instrument', ['ph-dpa']),
      cell('LA', 'instrument', ['asean']),
      cell('KH', 'draft_only', ['kh-draft']),
      cell('BN', 'instrument', ['bn-undated']),
      cell('VN', 'no_instrument', []),
    ],
    (id) => facts[id],
  );

  it('orders the adopters by the date of their own first instrument, a regional one only when they have none', () => {
    expect(
      diffusion.adopters.map((step) => [step.country, step.instrument, step.yearsAfterFirst, step.regional]),
    ).toEqual([
      // Laos rests only on a regional agreement: it comes first, and says so.
      ['country:LA', 'asean', 0, true],
      // Malaysia is party to the same agreement, but its own act of 2010 is its adoption.
      ['country:MY', 'my-pdpa', 10, false],
      ['country:PH', 'ph-dpa', 12, false],
      ['country:SG', 'sg-pdpa', 12, false],
    ]);
    expect(diffusion.adopters[1]?.later).toEqual(['my-amendment']);
  });

  it('lists who has not adopted: only drafts, nothing dedicated, or nothing dated', () => {
    expect(diffusion.notYet).toEqual([
      { country: 'country:BN', judgement: 'instrument', instruments: ['bn-undated'] },
      { country: 'country:KH', judgement: 'draft_only', instruments: ['kh-draft'] },
      { country: 'country:VN', judgement: 'no_instrument', instruments: [] },
    ]);
  });
});
