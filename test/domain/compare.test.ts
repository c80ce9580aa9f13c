/** The compare cells: whole instruments always, the curated approach first, a judgement for every cell. */
import { describe, expect, it } from 'vitest';
import type { NodeOf } from '../../ingest/model.js';
import { type CompareSources, compareCells, judgementInWords } from '../../server/domain/compare.js';
import { ThemeTree } from '../../server/domain/themes.js';
import type { ThemeLink } from '../../server/graph/graph-store.js';

const theme = (id: string, parent?: string) =>
  ({ id, kind: 'Theme', label: id, ...(parent ? { parent } : {}) }) as unknown as NodeOf<'Theme'>;
const tree = new ThemeTree([
  theme('theme:cybercrime'),
  theme('theme:data-governance'),
  theme('theme:data-localisation', 'theme:data-governance'),
]);

const strategy = 'instrument:cn-strategy-2017';
const criminalLaw = 'instrument:cn-criminal-law-amendment-ix-2015';
const fraudLaw = 'instrument:cn-anti-fraud-2022';
const draft = 'instrument:bn-draft';
const rcep = 'instrument:rcep-2020';
const cybersecurityLaw = 'instrument:cn-cybersecurity-law-2016';
const links: ThemeLink[] = [
  // The strategy has a tagged chapter; the criminal law and the fraud law are tagged as whole instruments.
  {
    country: 'country:CN',
    theme: 'theme:cybercrime',
    instrument: strategy,
    provision: `${strategy}:ch-1`,
    date: '2017-03-01',
  },
  { country: 'country:CN', theme: 'theme:cybercrime', instrument: criminalLaw, date: '2015-08-29' },
  { country: 'country:CN', theme: 'theme:cybercrime', instrument: fraudLaw, date: '2022-09-02' },
  { country: 'country:BN', theme: 'theme:data-localisation', instrument: draft, date: '2023' },
  { country: 'country:VN', theme: 'theme:data-localisation', instrument: rcep, date: '2020-11-15' },
  { country: 'country:BN', theme: 'theme:data-localisation', instrument: rcep, date: '2020-11-15' },
];
const sources: CompareSources = {
  approaches: (country) =>
    country === 'country:CN'
      ? [
          {
            theme: 'theme:cybercrime',
            coverage: 'instrument',
            instruments: [criminalLaw],
            provisions: [`${criminalLaw}:art-286-1`, `${cybersecurityLaw}:art-27`],
          },
        ]
      : [],
  instrumentOf: (provision) => provision.replace(/:[^:]+$/, ''),
  instrument: (id) =>
    ({
      [strategy]: { date: '2017-03-01' },
      [criminalLaw]: { status: 'in_force', date: '2015-08-29' },
      [fraudLaw]: { status: 'in_force', date: '2022-09-02' },
      [cybersecurityLaw]: { status: 'amended', date: '2016-11-07', countries: ['CN'] },
      [draft]: { status: 'draft', date: '2023', countries: ['BN'] },
      [rcep]: { status: 'in_force', date: '2020-11-15', countries: ['BN', 'CN', 'VN'] },
    })[id],
};

/** Brunei, China and Viet Nam on a sub-theme without approaches and a theme with China's curated one. */
const threeCountriesTwoThemes = () =>
  compareCells(
    links,
    ['country:BN', 'country:CN', 'country:VN'],
    ['theme:data-localisation', 'theme:cybercrime'],
    tree,
    sources,
  );

describe('compareCells', () => {
  it('lists every whole instrument, those the approach rests on first, even when the cell has tagged provisions', () => {
    const [cell] = compareCells(links, ['country:CN'], ['theme:cybercrime'], tree, sources);
    // The cybersecurity law comes with the key provision the approach names.
    expect(cell?.instruments).toEqual([criminalLaw, cybersecurityLaw, strategy, fraudLaw]);
    expect(cell?.provisions).toEqual([`${criminalLaw}:art-286-1`, `${cybersecurityLaw}:art-27`, `${strategy}:ch-1`]);
    expect(cell).toMatchObject({ judgement: 'instrument', judgementSource: 'curated', approach: 'theme:cybercrime' });
    expect(cell?.earliest).toBe('2015-08-29');
    expect(cell?.count).toBe(7);
  });

  it('names an instrument the approach rests on even when no theme link reaches it', () => {
    const [cell] = compareCells([], ['country:CN'], ['theme:cybercrime'], tree, sources);
    expect(cell?.instruments).toEqual([criminalLaw, cybersecurityLaw]);
    expect(cell?.earliest).toBe('2015-08-29');
  });

  it('derives a judgement where no approach is curated, from the country’s own instruments', () => {
    const cells = threeCountriesTwoThemes();
    const judged = cells.map((cell) => [cell.theme, cell.country, cell.judgement, cell.judgementSource]);
    expect(judged).toEqual([
      ['theme:data-localisation', 'country:BN', 'draft_only', 'derived'],
      ['theme:data-localisation', 'country:CN', 'no_instrument', 'derived'],
      ['theme:data-localisation', 'country:VN', 'no_instrument', 'derived'],
      ['theme:cybercrime', 'country:BN', 'no_instrument', 'derived'],
      ['theme:cybercrime', 'country:CN', 'instrument', 'curated'],
      ['theme:cybercrime', 'country:VN', 'no_instrument', 'derived'],
    ]);
    // A regional agreement is listed but makes no judgement: Vietnam has no instrument of its own, Brunei a draft.
    expect(cells[2]?.instruments).toEqual([rcep]);
    expect(cells[0]?.instruments).toEqual([rcep, draft]);
    // A sub-theme's cell never borrows its parent's approach.
    expect(cells[0]?.approach).toBeUndefined();
  });

  it('says which instruments listed the judgement rests on, and in words when none of them is', () => {
    const cells = threeCountriesTwoThemes();
    const at = (country: string, theme: string) =>
      cells.find((cell) => cell.country === country && cell.theme === theme);
    expect(at('country:CN', 'theme:cybercrime')?.judgedOn).toEqual([criminalLaw, cybersecurityLaw]);
    const brunei = at('country:BN', 'theme:data-localisation');
    expect(brunei?.judgedOn).toEqual([draft]);
    expect(brunei && judgementInWords(brunei)).toBe('Draft only');
    // Vietnam lists RCEP, which judges nothing: not "no instrument" beside a count of one.
    const vietnam = at('country:VN', 'theme:data-localisation');
    expect(vietnam?.judgedOn).toEqual([]);
    expect(vietnam && judgementInWords(vietnam)).toBe('No dedicated instrument');
    const empty = at('country:VN', 'theme:cybercrime');
    expect(empty && judgementInWords(empty)).toBe('No instrument');
  });

  it('keeps a curated judgement truthful when what it lists is only related or not held', () => {
    const curated: CompareSources = {
      ...sources,
      approaches: (country) =>
        country === 'country:BN'
          ? [{ theme: 'theme:cybercrime', coverage: 'no_instrument', instruments: [strategy], provisions: [] }]
          : [{ theme: 'theme:cybercrime', coverage: 'instrument', instruments: [], provisions: [] }],
    };
    const [brunei, vietnam] = compareCells([], ['country:BN', 'country:VN'], ['theme:cybercrime'], tree, curated);
    // Brunei's approach names a wider plan as context: listed, but not what "no instrument" rests on.
    expect(brunei).toMatchObject({ judgement: 'no_instrument', instruments: [strategy], judgedOn: [] });
    expect(brunei && judgementInWords(brunei)).toBe('No dedicated instrument');
    // Vietnam's approach judges an instrument the corpus does not hold.
    expect(vietnam).toMatchObject({ judgement: 'instrument', instruments: [], judgedOn: [] });
    expect(vietnam && judgementInWords(vietnam)).toBe('Has an instrument, not held here');
  });

  it('still works from theme links alone, as the coverage report calls it', () => {
    const [cell] = compareCells(links, ['country:CN'], ['theme:cybercrime'], tree);
    expect(cell?.instruments).toEqual([criminalLaw, strategy, fraudLaw]);
    expect(cell?.provisions).toEqual([`${strategy}:ch-1`]);
    expect(cell?.judgementSource).toBe('derived');
  });
});
