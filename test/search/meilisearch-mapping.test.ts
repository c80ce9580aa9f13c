/**
 * The pure half of the Meilisearch adapter against answers shaped like Meilisearch v1's
 * (multi-search results with `_formatted`, `_rankingScore` and `facetDistribution`).
 */
import type { SearchResponse } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import {
  deriveExpansions,
  documentKey,
  formattedRanges,
  indexSettings,
  type MeiliHit,
  themeSynonyms,
  toFacetCounts,
  toMeiliDocument,
  toSearchHit,
  withinEdits,
} from '../../server/search/meilisearch/mapping.js';
import { toSearchResult } from '../../server/search/meilisearch/meilisearch-search-index.js';
import type { SearchDocument, Snippet } from '../../server/search/search-index.js';

const pre = '\uE000';
const post = '\uE001';
const highlighted = (snippet: Snippet): string[] =>
  snippet.highlights.map(([start, end]) => snippet.text.slice(start, end));

const vietnamese: SearchDocument = {
  id: 'provision:vn-cyber-law-26',
  kind: 'Provision',
  title: 'Điều 26 · Luật An ninh mạng',
  text: 'Doanh nghiệp trong và ngoài nước cung cấp dịch vụ trên không gian mạng phải lưu trữ dữ liệu tại Việt Nam.',
  instrument: 'instrument:vn-cyber-law',
  instrumentKind: 'law',
  countries: ['VN'],
  themes: ['theme:data-localisation'],
  date: '2018-06-12',
  language: 'vi',
};

/** A hit for "khong gian mang" as Meilisearch returns it: matches tagged in `_formatted`, accents as written. */
const vietnameseHit: MeiliHit = {
  id: vietnamese.id,
  kind: 'Provision',
  title: vietnamese.title,
  text_vi: vietnamese.text,
  _formatted: {
    id: vietnamese.id,
    kind: 'Provision',
    title: `Điều 26 · Luật An ninh ${pre}mạng${post}`,
    text_vi: `Doanh nghiệp trong và ngoài nước cung cấp dịch vụ trên ${pre}không${post} ${pre}gian${post} ${pre}mạng${post} phải lưu trữ dữ liệu tại Việt Nam.`,
  },
  _rankingScore: 0.9318,
};

describe('Meilisearch documents', () => {
  it('encodes node ids into the characters Meilisearch allows, one key per id', () => {
    const ids = ['provision:cn-csl-37', 'quote:xi-2015-wic', 'instrument:中华人民共和国', 'a:b/c d'];
    const keys = ids.map(documentKey);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(new Set(keys).size).toBe(ids.length);
  });

  it('stores text under its language, dates as sortable numbers, and leaves undated documents without them', () => {
    const stored = toMeiliDocument(vietnamese);
    expect(stored.text_vi).toBe(vietnamese.text);
    expect(stored.text).toBeUndefined();
    expect(stored.date).toBe(20180612);
    expect(stored.year).toBe(2018);
    const undated = toMeiliDocument({ ...vietnamese, date: undefined as unknown as string, language: 'en' });
    expect(undated.text).toBe(vietnamese.text);
    expect('date' in undated || 'year' in undated).toBe(false);
    expect(toMeiliDocument({ ...vietnamese, date: '2021-01' }).date).toBe(20210100);
  });

  it('files local titles by their script, whatever the document language', () => {
    const stored = toMeiliDocument({ ...vietnamese, language: 'en', titleLocal: '中华人民共和国网络安全法' });
    expect(stored.titleLocal_zh).toBe('中华人民共和国网络安全法');
    expect(toMeiliDocument({ ...vietnamese, language: 'lo', text: 'ກົດໝາຍ' }).text).toBe('ກົດໝາຍ');
    expect(toMeiliDocument({ ...vietnamese, language: 'ms' }).text_ms).toBe(vietnamese.text);
  });

  it('makes every text field a document can get searchable and highlighted, title first', () => {
    const settings = indexSettings({});
    const searchable = settings.searchableAttributes as string[];
    const languages = ['en', 'zh', 'th', 'vi', 'km', 'lo', 'my', 'id', 'ms'];
    const fields = new Set(
      languages.flatMap((language) =>
        Object.keys(toMeiliDocument({ ...vietnamese, language, titleLocal: 'Luật An ninh mạng' })),
      ),
    );
    const textual = [...fields].filter((field) => field.startsWith('text') || field.startsWith('titleLocal'));
    for (const field of textual) expect(searchable).toContain(field);
    expect(searchable[0]).toBe('title');
    expect(searchable.indexOf('titleLocal')).toBeLessThan(searchable.indexOf('text'));
    for (const rule of settings.localizedAttributes ?? []) {
      for (const pattern of rule.attributePatterns) expect(searchable).toContain(pattern);
    }
  });
});

describe('Meilisearch highlights', () => {
  it('reads [start, end) ranges of the original text from tagged text', () => {
    expect(formattedRanges('Luật An ninh mạng', `Luật An ninh ${pre}mạng${post}`)).toEqual([[13, 17]]);
    expect(formattedRanges('🔒 data', `🔒 ${pre}data${post}`)).toEqual([[3, 7]]);
    expect(formattedRanges('no match', 'no match')).toEqual([]);
  });

  it('gives up on a hit whose tagged text is not the original plus tags', () => {
    expect(formattedRanges('original', `${pre}cropped${post}`)).toBeUndefined();
  });

  it('highlights the written form of folded matches in the title and a snippet', () => {
    const { hit, matchedWords } = toSearchHit(vietnameseHit, true);
    expect(hit.id).toBe(vietnamese.id);
    expect(hit.score).toBe(0.9318);
    expect(highlighted(hit.title)).toEqual(['mạng']);
    expect(hit.snippet.text).toBe(vietnamese.text);
    expect(highlighted(hit.snippet)).toEqual(['không', 'gian', 'mạng']);
    expect(matchedWords.sort()).toEqual(['gian', 'khong', 'mang']);
  });

  it('highlights our whole word where Meilisearch tagged a prefix or cut words differently', () => {
    const { hit } = toSearchHit(
      {
        id: 'provision:cn-csl-37',
        kind: 'Provision',
        title: 'Article 37 · Cybersecurity Law',
        text_zh: '个人信息和重要数据应当在境内存储。',
        _formatted: {
          title: `Article 37 · ${pre}Cyberse${post}curity Law`,
          text_zh: `${pre}个人${post}${pre}信息${post}和重要数据应当在境内存储。`,
        },
        _rankingScore: 0.5,
      },
      true,
    );
    expect(highlighted(hit.title)).toEqual(['Cybersecurity']);
    expect(highlighted(hit.snippet).join('')).toBe('个人信息');
  });

  it('cuts a long text to a window around the match, with offsets into the window', () => {
    const filler = Array.from({ length: 200 }, (_, position) => `filler${position}`).join(' ');
    const text = `${filler} the encryption obligation applies ${filler}`;
    const { hit } = toSearchHit(
      {
        id: 'provision:long',
        kind: 'Provision',
        title: 'Article 1',
        text,
        _formatted: { title: 'Article 1', text: text.replace('encryption', `${pre}encryption${post}`) },
      },
      true,
    );
    expect(hit.snippet.text.length).toBeLessThan(600);
    expect(hit.snippet.text.startsWith('…')).toBe(true);
    expect(highlighted(hit.snippet)).toEqual(['encryption']);
  });

  it('scores hits of an empty query 0 and highlights nothing', () => {
    const { hit } = toSearchHit({ id: 'a', kind: 'Quote', title: 'Xi Jinping', text: 'Cyberspace is common.' }, false);
    expect(hit.score).toBe(0);
    expect(hit.title.highlights).toEqual([]);
    expect(hit.snippet).toEqual({ text: 'Cyberspace is common.', highlights: [] });
  });
});

describe('Meilisearch facets and results', () => {
  it('orders facet values by count, most first, then by value, dropping zeros', () => {
    expect(toFacetCounts({ VN: 1, CN: 3, SG: 2, TH: 2, XX: 0 })).toEqual([
      { value: 'CN', count: 3 },
      { value: 'SG', count: 2 },
      { value: 'TH', count: 2 },
      { value: 'VN', count: 1 },
    ]);
    expect(toFacetCounts(undefined)).toEqual([]);
  });

  const response = (overrides: Partial<SearchResponse<MeiliHit>>): SearchResponse<MeiliHit> =>
    ({
      hits: [],
      query: 'mang',
      processingTimeMs: 1,
      limit: 20,
      offset: 0,
      estimatedTotalHits: 999,
      ...overrides,
    }) as SearchResponse<MeiliHit>;

  it('takes each active facet from its own query and the others from the main one', () => {
    const result = toSearchResult(
      'khong gian mang',
      true,
      ['country', 'kind'],
      [
        response({
          hits: [vietnameseHit],
          facetDistribution: {
            kind: { Provision: 1 },
            countries: { VN: 1 },
            instrumentKind: { law: 1 },
            themes: { 'theme:data-localisation': 1 },
            year: { '2018': 1 },
          },
        }),
        response({ limit: 0, facetDistribution: { countries: { VN: 1, CN: 2 } } }),
        response({ limit: 0, facetDistribution: { kind: { Provision: 1, Instrument: 4 } } }),
      ],
    );
    expect(result.total).toBe(1);
    expect(result.hits.map((hit) => hit.id)).toEqual([vietnamese.id]);
    expect(result.facets).toEqual({
      kind: [
        { value: 'Instrument', count: 4 },
        { value: 'Provision', count: 1 },
      ],
      country: [
        { value: 'CN', count: 2 },
        { value: 'VN', count: 1 },
      ],
      instrumentKind: [{ value: 'law', count: 1 }],
      theme: [{ value: 'theme:data-localisation', count: 1 }],
      year: [{ value: '2018', count: 1 }],
    });
    expect(result.expansions).toEqual([]);
  });

  it('counts the total from the kinds of the filtered matches, not the estimate', () => {
    const result = toSearchResult(
      '',
      false,
      [],
      [response({ offset: 40, facetDistribution: { kind: { Provision: 30, Quote: 12 } } })],
    );
    expect(result.total).toBe(42);
    expect(result.hits).toEqual([]);
  });
});

describe('Meilisearch expansions', () => {
  it('reports typo and prefix matches of the query words among the matched words', () => {
    expect(deriveExpansions('cyberspase', ['cyberspace', 'law'])).toEqual([
      { term: 'cyberspase', matched: ['cyberspace'] },
    ]);
    expect(deriveExpansions('cyberse', ['cybersecurity'])).toEqual([{ term: 'cyberse', matched: ['cybersecurity'] }]);
  });

  it('reports no exact matches, no prefixes of words other than the last, and no Chinese segments', () => {
    expect(deriveExpansions('data cyber', ['data', 'database', 'cybersecurity'])).toEqual([
      { term: 'cyber', matched: ['cybersecurity'] },
    ]);
    expect(deriveExpansions('dada', ['data'])).toEqual([]);
    expect(deriveExpansions('网络', ['网络安全'])).toEqual([]);
  });

  it('measures edit distance within a budget', () => {
    expect(withinEdits('protecton', 'protection', 1)).toBe(true);
    expect(withinEdits('kitten', 'sitting', 2)).toBe(false);
    expect(withinEdits('kitten', 'sitting', 3)).toBe(true);
    expect(withinEdits('same', 'same', 0)).toBe(true);
  });
});

describe('theme synonyms', () => {
  it('makes the first keyword of each language of a theme equivalent to the others', () => {
    const synonyms = themeSynonyms([
      { keywords: { en: ['Cybersecurity', 'network security'], zh: ['网络安全'], vi: ['an ninh mạng'] } },
      { keywords: { en: ['lonely'] } },
    ]);
    expect(synonyms).toEqual({
      cybersecurity: ['网络安全', 'an ninh mạng'],
      网络安全: ['cybersecurity', 'an ninh mạng'],
      'an ninh mạng': ['cybersecurity', '网络安全'],
    });
  });
});
