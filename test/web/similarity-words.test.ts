/**
 * The explorer writes each similarity point in the reader's language from the point's structured fields: in
 * English it says what the API's own sentence says, in Chinese it names countries, themes and kinds in Chinese.
 */
import i18next from 'i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { InstrumentFacts, Judgement } from '../../server/domain/compare.js';
import { pointInWords, rankSimilar, type SimilarityPoint, stancesOf } from '../../server/domain/similarity.js';
import type { pointSentence as PointSentence, SimilarityPoint as WebPoint } from '../../web/src/lib/similarity.js';
import { compareCell, instrumentTraits } from '../helpers/compare-cell.js';

const traits: Record<string, InstrumentFacts> = {
  ...instrumentTraits,
  'bn-undated': { kind: 'agreement' },
};
const cell = (country: string, theme: string, judgement: Judgement, judgedOn: string[] = []) =>
  compareCell(country, `theme:${theme}`, judgement, judgedOn);
const cells = [
  cell('CN', 'cybersecurity', 'instrument', ['cn-csl']),
  cell('CN', 'data-localisation', 'instrument', ['cn-csl']),
  cell('CN', 'personal-data', 'instrument', ['cn-pipl']),
  cell('CN', 'cybercrime', 'no_instrument'),
  cell('VN', 'cybersecurity', 'instrument', ['vn-csl']),
  cell('VN', 'data-localisation', 'instrument', ['vn-csl']),
  cell('VN', 'personal-data', 'instrument', ['vn-decree']),
  cell('VN', 'cybercrime', 'draft_only', ['bn-draft']),
  cell('SG', 'cybersecurity', 'instrument', ['sg-strategy']),
  cell('SG', 'data-localisation', 'no_instrument'),
  cell('SG', 'personal-data', 'instrument', ['sg-pdpa']),
  cell('SG', 'cybercrime', 'instrument', ['bn-undated']),
  cell('BN', 'cybersecurity', 'draft_only', ['bn-draft']),
  cell('BN', 'data-localisation', 'no_instrument'),
  cell('BN', 'personal-data', 'no_instrument'),
  cell('BN', 'cybercrime', 'draft_only', ['bn-draft']),
];
const themes = ['cybersecurity', 'data-localisation', 'personal-data', 'cybercrime'].map((id) => `theme:${id}`);
const countries = { BN: 'Brunei', CN: 'China', SG: 'Singapore', VN: 'Vietnam' };
const themeLabels: Record<string, string> = {
  'theme:cybersecurity': 'Cybersecurity',
  'theme:data-localisation': 'Data localisation',
  'theme:personal-data': 'Personal data protection',
  'theme:cybercrime': 'Cybercrime',
};
const stances = stancesOf(cells, (id) => traits[id]);
const name = (id: string) => themeLabels[id] ?? countries[id as keyof typeof countries] ?? id;
const country = (code: string) => ({ code, label: name(code) });

/** The point as the explorer receives it from the API. */
function asReceived(point: SimilarityPoint): WebPoint {
  const evidence = (ids: string[]) =>
    ids.map((id) => ({ id, title: id, instrumentKind: traits[id]?.kind ?? '', date: traits[id]?.date ?? null }));
  return {
    theme: { id: point.theme, label: name(point.theme) },
    kind: point.kind,
    firstJudgement: point.first.judgement,
    otherJudgement: point.other.judgement,
    firstInstruments: evidence(point.first.instruments),
    otherInstruments: evidence(point.other.instruments),
  };
}

/** Every point between every pair of countries, with what the API writes for it. */
const everyPoint = Object.keys(countries).flatMap((first) =>
  rankSimilar(stances, first, Object.keys(countries), themes, themes).flatMap((entry) =>
    [...entry.agreements, ...entry.differences].map((point) => ({
      first,
      other: entry.country,
      point: asReceived(point),
      apiSentence: pointInWords(point, first, entry.country, name),
    })),
  ),
);

let pointSentence: typeof PointSentence;

beforeAll(async () => {
  // The explorer's language module reads the page's URL, storage and languages when it loads.
  vi.stubGlobal('window', { location: { search: '' }, addEventListener: () => {} });
  vi.stubGlobal('navigator', { languages: ['en-GB'] });
  vi.stubGlobal('document', { documentElement: {} });
  ({ pointSentence } = await import('../../web/src/lib/similarity.js'));
});

describe('similarity points in words', () => {
  it('covers every kind of point', () => {
    expect(new Set(everyPoint.map(({ point }) => point.kind))).toEqual(
      new Set(['both_instrument', 'both_draft', 'only_first', 'only_other', 'different_kinds', 'years_apart']),
    );
  });

  it('in English, says what the API says', async () => {
    await i18next.changeLanguage('en');
    for (const { first, other, point, apiSentence } of everyPoint)
      expect(pointSentence(point, country(first), country(other))).toBe(apiSentence);
  });

  it('in Chinese, names the countries, themes and kinds of instrument in Chinese', async () => {
    await i18next.changeLanguage('zh');
    const sentences = everyPoint.map(({ first, other, point }) => pointSentence(point, country(first), country(other)));
    expect(sentences.filter((sentence) => /\p{Script=Latin}/u.test(sentence))).toEqual([]);
    expect(sentences).toContain('两国在网络安全方面都有法律：中国自 2016 年起，越南自 2018 年起。');
    expect(sentences).toContain('在个人信息保护方面，中国依靠法律，越南依靠法规。');
    expect(sentences).toContain('只有中国自 2016 年起在网络安全方面有法律；文莱仅有草案。');
    expect(sentences).toContain('只有中国自 2016 年起在数据本地化方面有法律；文莱没有专门文件。');
    expect(sentences).toContain('两国在网络犯罪方面都只有草案。');
    expect(sentences).toContain('两国都在个人信息保护方面有所行动，但相隔多年：新加坡始于 2012 年，中国始于 2021 年。');
    // An undated instrument: the sentence leaves out the year rather than inventing one.
    expect(sentences).toContain('只有新加坡在网络犯罪方面有协定；中国没有专门文件。');
  });
});
