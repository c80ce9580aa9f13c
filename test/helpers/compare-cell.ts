/** Compare cells and instrument facts as the domain computes them, for tests of what is built on them (similarity, diffusion). */
import type { CompareCell, InstrumentFacts, Judgement } from '../../server/domain/compare.js';

/** A curated judgement resting on `judgedOn`, which are also the cell's only instruments. */
export const compareCell = (country: string, theme: string, judgement: Judgement, judgedOn: string[] = []) =>
  ({
    country,
    theme,
    judgement,
    judgedOn,
    judgementSource: 'curated',
    count: judgedOn.length,
    instruments: judgedOn,
    provisions: [],
  }) satisfies CompareCell;

/** The kinds and dates of a few countries' instruments, as the similarity tests know them. */
export const instrumentTraits: Readonly<Record<string, InstrumentFacts>> = {
  'cn-csl': { kind: 'law', date: '2016-11-07' },
  'cn-pipl': { kind: 'law', date: '2021-08-20' },
  'vn-csl': { kind: 'law', date: '2018-06-12' },
  'vn-decree': { kind: 'regulation', date: '2023-04-17' },
  'sg-strategy': { kind: 'strategy', date: '2021-10-05' },
  'sg-pdpa': { kind: 'law', date: '2012-10-15' },
  'bn-draft': { kind: 'law', date: '2023' },
};
