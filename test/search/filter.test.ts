import { describe, expect, it } from 'vitest';
import { buildFilter, quoteFilterValue } from '../../server/search/meilisearch/filter.js';
import type { SearchFilter } from '../../server/search/search-index.js';

/** Reads a double-quoted value back as Meilisearch's filter parser does: `\"` is a quote, `\\` a backslash. */
function readQuoted(quoted: string): string {
  expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
  let value = '';
  for (let at = 1; at < quoted.length - 1; at++) {
    const char = quoted[at] as string;
    if (char === '"') throw new Error(`unescaped quote at ${at} would end the value early`);
    if (char === '\\') {
      at++;
      value += quoted[at];
    } else value += char;
  }
  return value;
}

/** 10,000 characters: 2,500 backslash-quote pairs, then 5,000 letters. */
const long = `${'\\"'.repeat(2500)}${'x'.repeat(5000)}`;

/** Hostile values and their exact quoted forms, written out by hand. */
const hostile: [string, string][] = [
  ['"', String.raw`"\""`],
  ['\\', String.raw`"\\"`],
  ['\\"', String.raw`"\\\""`],
  ['"\\', String.raw`"\"\\"`],
  ['" OR kind = "Quote', String.raw`"\" OR kind = \"Quote"`],
  ['TH OR countries = VN', '"TH OR countries = VN"'],
  ['CN" OR countries EXISTS OR "', String.raw`"CN\" OR countries EXISTS OR \""`],
  ['= TO 5', '"= TO 5"'],
  ['1 TO 9999', '"1 TO 9999"'],
  ['[CN, VN]', '"[CN, VN]"'],
  [') OR (year > 0', '") OR (year > 0"'],
  ["' OR 1=1 --", `"' OR 1=1 --"`],
  ['NOT kind IN ["Quote"]', String.raw`"NOT kind IN [\"Quote\"]"`],
  ['🔒🇨🇳 数据', '"🔒🇨🇳 数据"'],
  ['line\nbreak\u0000', '"line\nbreak\u0000"'],
  ['', '""'],
  [long, `"${String.raw`\\\"`.repeat(2500)}${'x'.repeat(5000)}"`],
];

const listArguments = [
  ['kinds', 'kind'],
  ['countries', 'countries'],
  ['instrumentKinds', 'instrumentKind'],
  ['themes', 'themes'],
] as const;

describe('Meilisearch filter expressions', () => {
  it.each(hostile.map(([value, quoted]) => [value.slice(0, 40), value, quoted]))(
    'quotes %j exactly, and it reads back as written',
    (_, value, quoted) => {
      expect(quoteFilterValue(value)).toBe(quoted);
      expect(readQuoted(quoted)).toBe(value);
    },
  );

  for (const [argument, attribute] of listArguments) {
    it(`passes hostile ${argument} values only as quoted values of ${attribute}`, () => {
      for (const [value, quoted] of hostile) {
        const filter = { [argument]: [value] } as SearchFilter;
        expect(buildFilter(filter)).toBe(`(${attribute} = ${quoted})`);
      }
      const [[first, firstQuoted], [second, secondQuoted]] = hostile as [[string, string], [string, string]];
      expect(buildFilter({ [argument]: [first, second] } as SearchFilter)).toBe(
        `(${attribute} = ${firstQuoted} OR ${attribute} = ${secondQuoted})`,
      );
    });
  }

  it('parenthesises each condition and joins different filters with AND', () => {
    const filter: SearchFilter = {
      kinds: ['Provision', 'Quote'],
      countries: ['" OR kind = "Quote'],
      instrumentKinds: ['law'],
      themes: ['theme:data-transfer'],
      yearFrom: 2018,
      yearTo: 2021,
    };
    expect(buildFilter(filter)).toBe(
      [
        '(kind = "Provision" OR kind = "Quote")',
        String.raw`(countries = "\" OR kind = \"Quote")`,
        '(instrumentKind = "law")',
        '(themes = "theme:data-transfer")',
        '(year >= 2018 AND year <= 2021)',
      ].join(' AND '),
    );
  });

  it('leaves out the facet asked for, for counting that facet', () => {
    const filter: SearchFilter = { kinds: ['Quote'], countries: ['TH'], yearFrom: 2020 };
    expect(buildFilter(filter, 'country')).toBe('(kind = "Quote") AND (year >= 2020)');
    expect(buildFilter(filter, 'year')).toBe('(kind = "Quote") AND (countries = "TH")');
    expect(buildFilter({ countries: ['TH'] }, 'country')).toBeUndefined();
  });

  it('treats empty lists and missing filters as no filter', () => {
    expect(buildFilter({})).toBeUndefined();
    expect(buildFilter({ kinds: [], countries: [], instrumentKinds: [], themes: [] })).toBeUndefined();
  });

  it('drops repeated values', () => {
    expect(buildFilter({ countries: ['TH', 'TH'] })).toBe('(countries = "TH")');
  });

  it('renders any year as an integer in range, and refuses a year that is not a number', () => {
    expect(buildFilter({ yearFrom: 2018.5 })).toBe('(year >= 2019)');
    expect(buildFilter({ yearTo: 2018.5 })).toBe('(year <= 2018)');
    expect(buildFilter({ yearFrom: -Infinity, yearTo: 1e21 })).toBe('(year >= -1000000 AND year <= 1000000)');
    expect(() => buildFilter({ yearFrom: Number.NaN })).toThrow(RangeError);
  });
});
