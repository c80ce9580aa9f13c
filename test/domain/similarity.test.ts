/** Similarity on what countries do: judgements, kinds and dates of instruments, each pair explained in words. */
import { describe, expect, it } from 'vitest';
import type { InstrumentFacts } from '../../server/domain/compare.js';
import { pointInWords, rankSimilar, type SimilarityPoint, stancesOf } from '../../server/domain/similarity.js';
import { compareCell, instrumentTraits } from '../helpers/compare-cell.js';

const traits: Record<string, InstrumentFacts> = { ...instrumentTraits };
for (let index = 0; index < 12; index += 1) traits[`th-law-${index}`] = { kind: 'law', date: '2019-05-27' };

const cell = compareCell;
const themes = ['cybersecurity', 'localisation', 'personal-data'];
const cells = [
  cell('CN', 'cybersecurity', 'instrument', ['cn-csl']),
  cell('CN', 'localisation', 'instrument', ['cn-csl']),
  cell('CN', 'personal-data', 'instrument', ['cn-pipl']),
  cell('VN', 'cybersecurity', 'instrument', ['vn-csl']),
  cell('VN', 'localisation', 'instrument', ['vn-csl']),
  cell('VN', 'personal-data', 'instrument', ['vn-decree']),
  // Thailand has many more documents on cybersecurity than China: that must not make it more alike.
  cell(
    'TH',
    'cybersecurity',
    'instrument',
    Array.from({ length: 12 }, (_, index) => `th-law-${index}`),
  ),
  cell('TH', 'localisation', 'no_instrument'),
  cell('TH', 'personal-data', 'no_instrument'),
  cell('SG', 'cybersecurity', 'instrument', ['sg-strategy']),
  cell('SG', 'localisation', 'no_instrument'),
  cell('SG', 'personal-data', 'instrument', ['sg-pdpa']),
  cell('BN', 'cybersecurity', 'draft_only', ['bn-draft']),
  cell('BN', 'localisation', 'no_instrument'),
  cell('BN', 'personal-data', 'no_instrument'),
];
const stances = stancesOf(cells, (id) => traits[id]);
const countries = ['BN', 'CN', 'SG', 'TH', 'VN'];
const rank = (code: string) => rankSimilar(stances, code, countries, themes, themes);
const names: Record<string, string> = {
  CN: 'China',
  VN: 'Vietnam',
  SG: 'Singapore',
  BN: 'Brunei',
  TH: 'Thailand',
  cybersecurity: 'Cybersecurity',
  localisation: 'Data localisation',
  'personal-data': 'Personal data',
};
const name = (id: string) => names[id] ?? id;
const inWords = (code: string, other: string, point: SimilarityPoint) => pointInWords(point, code, other, name);

describe('rankSimilar', () => {
  it('ranks on what the countries do, not on how many documents they have', () => {
    const ranked = rank('CN');
    expect(ranked.map((entry) => entry.country)).toEqual(['VN', 'SG', 'TH', 'BN']);
    // Thailand's twelve cybersecurity laws do not lift it above Singapore, which shares more judgements.
    const score = (code: string) => ranked.find((entry) => entry.country === code)?.score ?? 0;
    expect(score('VN')).toBeGreaterThan(score('SG'));
    expect(score('SG')).toBeGreaterThan(score('TH'));
    for (const entry of ranked) expect(entry.score).toBeGreaterThanOrEqual(0);
    expect(score('VN')).toBeLessThanOrEqual(1);
    expect(ranked[0]).toMatchObject({ shared: themes, onlyFirst: [], onlyOther: [] });
  });

  it('gives the same score whether a country has one instrument on a theme or twelve', () => {
    const one = stancesOf(
      cells.map((entry) =>
        entry.country === 'TH' && entry.theme === 'cybersecurity' ? { ...entry, judgedOn: ['th-law-0'] } : entry,
      ),
      (id) => traits[id],
    );
    const withOne = rankSimilar(one, 'CN', countries, themes, themes).find((entry) => entry.country === 'TH');
    expect(withOne?.score).toBe(rank('CN').find((entry) => entry.country === 'TH')?.score);
  });

  it('says where two countries agree and differ, theme by theme, naming the instruments and years', () => {
    const vietnam = rank('CN').find((entry) => entry.country === 'VN');
    expect(vietnam?.agreements.map((point) => [point.theme, point.kind])).toEqual([
      ['cybersecurity', 'both_instrument'],
      ['localisation', 'both_instrument'],
    ]);
    expect(vietnam?.agreements[0] && inWords('CN', 'VN', vietnam.agreements[0])).toBe(
      'Both have a law on Cybersecurity: China since 2016, Vietnam since 2018.',
    );
    // Personal data: China by a law, Vietnam by a decree.
    const [personalData] = vietnam?.differences ?? [];
    expect(personalData?.kind).toBe('different_kinds');
    expect(personalData && inWords('CN', 'VN', personalData)).toBe(
      'On Personal data, China relies on a law and Vietnam on a regulation.',
    );
    // Its evidence: the instruments each judgement rests on, oldest first.
    expect([personalData?.first.instruments, personalData?.other.instruments]).toEqual([['cn-pipl'], ['vn-decree']]);
  });

  it('says which one goes further: an instrument against a draft or none, and years apart', () => {
    const brunei = rank('CN').find((entry) => entry.country === 'BN');
    expect(brunei?.agreements).toEqual([]);
    expect(brunei?.differences.map((point) => inWords('CN', 'BN', point))).toEqual([
      'Only China has a law on Cybersecurity since 2016; Brunei has only a draft.',
      'Only China has a law on Data localisation since 2016; Brunei has no dedicated instrument.',
      'Only China has a law on Personal data since 2021; Brunei has no dedicated instrument.',
    ]);
    const fromBrunei = rank('BN').find((entry) => entry.country === 'TH');
    // Neither has anything on localisation: no point, and it counts for nothing in the score.
    expect(fromBrunei?.differences.map((point) => inWords('BN', 'TH', point))).toEqual([
      'Only Thailand has a law on Cybersecurity since 2019; Brunei has only a draft.',
    ]);
    const singapore = rank('SG').find((entry) => entry.country === 'CN');
    const personalData = singapore?.differences.find((point) => point.theme === 'personal-data');
    expect(personalData && inWords('SG', 'CN', personalData)).toBe(
      'Both act on Personal data, years apart: Singapore from 2012, China from 2021.',
    );
  });
});
