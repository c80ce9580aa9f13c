/**
 * The pure half of the Meilisearch adapter against answers shaped like Meilisearch v1's
 * (multi-search results with `_formatted`, `_rankingScore` and `facetDistribution`).
 */
import type { SearchResponse } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { queryWords, withinEdits } from '../../server/search/explain.js';
import {
  deriveExpansions,
  documentKey,
  formattedRanges,
  indexSettings,
  type MeiliHit,
  meiliQueryText,
  toFacetCounts,
  toMeiliDocument,
  toSearchHit,
} from '../../server/search/meilisearch/mapping.js';
import { toSearchResult } from '../../server/search/meilisearch/meilisearch-search-index.js';
import { type SearchDocument, type Snippet, searchFields } from '../../server/search/search-index.js';

const pre = '\uE000';
const post = '\uE001';
const highlighted = (snippet: Snippet): string[] =>
  snippet.highlights.map(([start, end]) => snippet.text.slice(start, end));

const vietnamese: SearchDocument = {
  id: 'provision:vn-cyber-law-26',
  kind: 'Provision',
  title: 'Điều 26 · Luật An ninh mạng',
  name: 'Điều 26',
  parentTitle: 'Luật An ninh mạng',
  text: 'Doanh nghiệp trong và ngoài nước cung cấp dịch vụ trên không gian mạng phải lưu trữ dữ liệu tại Việt Nam.',
  group: 'instrument:vn-cyber-law',
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
  group: vietnamese.group,
  title: vietnamese.title,
  name: 'Điều 26',
  parentTitle: 'Luật An ninh mạng',
  text: vietnamese.text,
  _formatted: {
    id: vietnamese.id,
    kind: 'Provision',
    parentTitle: `Luật An ninh ${pre}mạng${post}`,
    text: `Doanh nghiệp trong và ngoài nước cung cấp dịch vụ trên ${pre}không${post} ${pre}gian${post} ${pre}mạng${post} phải lưu trữ dữ liệu tại Việt Nam.`,
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

  it('stores dates as sortable numbers, and leaves undated documents without them', () => {
    const stored = toMeiliDocument(vietnamese, 0);
    expect(stored.text).toBe(vietnamese.text);
    expect(stored.date).toBe(20180612);
    expect(stored.year).toBe(2018);
    const undated = toMeiliDocument({ ...vietnamese, date: undefined as unknown as string, language: 'en' }, 0);
    expect('date' in undated || 'year' in undated).toBe(false);
    expect(toMeiliDocument({ ...vietnamese, date: '2021-01' }, 0).date).toBe(20210100);
  });

  it('carries the ranks the custom ranking rules read: status, kind and load order', () => {
    const inForce = toMeiliDocument({ ...vietnamese, kind: 'Instrument', status: 'in_force' }, 7);
    const superseded = toMeiliDocument({ ...vietnamese, status: 'superseded' }, 8);
    expect(inForce.statusRank).toBeLessThan(superseded.statusRank);
    expect(inForce.kindRank).toBeLessThan(superseded.kindRank);
    expect([inForce.order, superseded.order]).toEqual([7, 8]);
  });

  it('searches the fields of the port in their order, and ranks by the written rules', () => {
    const settings = indexSettings();
    expect(settings.searchableAttributes).toEqual([...searchFields]);
    expect(settings.rankingRules).toEqual([
      'sort',
      'words',
      'typo',
      'attributeRank',
      'proximity',
      'exactness',
      'statusRank:asc',
      'wordPosition',
      'kindRank:asc',
      'order:asc',
    ]);
    expect(settings.typoTolerance?.disableOnNumbers).toBe(true);
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
    const { hit, matchedWords } = toSearchHit(vietnameseHit, queryWords('khong gian mang'), true);
    expect(hit.id).toBe(vietnamese.id);
    expect(hit.score).toBe(0.9318);
    expect(highlighted(hit.title)).toEqual(['mạng']);
    expect(hit.snippet.text).toBe(vietnamese.text);
    expect(highlighted(hit.snippet)).toEqual(['không', 'gian', 'mạng']);
    expect(matchedWords.sort()).toEqual(['gian', 'khong', 'mang']);
    expect(hit.matchedFields.map((match) => match.field)).toEqual(['text', 'parentTitle']);
    expect(hit.via).toEqual(['folding']);
  });

  it('reads a highlighted field from _formatted alone, as the adapter asks for it, the same as from both', () => {
    const { id, kind, group, title, _rankingScore } = vietnameseHit;
    const formattedOnly: MeiliHit = {
      id,
      kind,
      group,
      title,
      _formatted: { ...vietnameseHit._formatted, name: 'Điều 26' },
      _rankingScore,
    };
    const words = queryWords('khong gian mang');
    expect(toSearchHit(formattedOnly, words, true)).toEqual(toSearchHit(vietnameseHit, words, true));
  });

  it('highlights our whole word where Meilisearch tagged a prefix or cut words differently', () => {
    const { hit } = toSearchHit(
      {
        id: 'provision:cn-csl-37',
        kind: 'Provision',
        group: 'instrument:cn-csl',
        title: 'Article 37 · Cybersecurity Law',
        parentTitle: 'Cybersecurity Law',
        text: '个人信息和重要数据应当在境内存储。',
        _formatted: {
          parentTitle: `${pre}Cyberse${post}curity Law`,
          text: `${pre}个人${post}${pre}信息${post}和重要数据应当在境内存储。`,
        },
        _rankingScore: 0.5,
      },
      queryWords('个人信息 cyberse'),
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
        group: 'instrument:long',
        title: 'Article 1',
        text,
        _formatted: { text: text.replace('encryption', `${pre}encryption${post}`) },
      },
      queryWords('encryption'),
      true,
    );
    expect(hit.snippet.text.length).toBeLessThan(600);
    expect(hit.snippet.text.startsWith('…')).toBe(true);
    expect(highlighted(hit.snippet)).toEqual(['encryption']);
  });

  it('scores hits of an empty query 0 and highlights nothing', () => {
    const { hit } = toSearchHit(
      { id: 'a', kind: 'Quote', group: 'instrument:a', title: 'Xi Jinping', text: 'Cyberspace is common.' },
      [],
      false,
    );
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
          totalHits: 1,
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
      status: [],
      year: [{ value: '2018', count: 1 }],
    });
    expect(result.expansions).toEqual([]);
  });

  it('takes the exhaustive total, not the estimate', () => {
    const result = toSearchResult('', false, [], [response({ totalHits: 42, estimatedTotalHits: 999 })]);
    expect(result.total).toBe(42);
    expect(result.hits).toEqual([]);
  });
});

describe('Meilisearch query text', () => {
  it('sends the words of the query and nothing Meilisearch would read as syntax or as a word of symbols', () => {
    expect(meiliQueryText('"data governance" -transfer ^cyber🔒')).toBe('data governance transfer cyber');
    expect(meiliQueryText('data=governance…')).toBe('data governance');
    expect(meiliQueryText('🔒 ^ "')).toBe('');
  });

  it('keeps the punctuation between words, where Meilisearch joins no words across a full stop', () => {
    expect(meiliQueryText('Act B.E. 2562')).toBe('Act B.E. 2562 ');
    expect(meiliQueryText('Decree 13/2023/ND-CP, e-commerce')).toBe('Decree 13/2023/ND-CP, e-commerce');
    expect(meiliQueryText('framework -data "data')).toBe('framework data data');
  });

  it('keeps the segments of an unspaced word together and the written form of each word', () => {
    expect(meiliQueryText('「网络安全」法，Việt Nam')).toBe('网络安全」法，Việt Nam');
  });

  it('ends with a space after a number, which is never a prefix, and not after a word', () => {
    expect(meiliQueryText('Decree 13/2023')).toBe('Decree 13/2023 ');
    expect(meiliQueryText('data!')).toBe('data');
  });
});

describe('Meilisearch expansions', () => {
  it('reports typo and prefix matches of the query words among the matched words', () => {
    expect(deriveExpansions('cyberspase', ['cyberspace', 'law'])).toEqual([
      { term: 'cyberspase', matched: ['cyberspace'], kind: 'typo' },
    ]);
    expect(deriveExpansions('cyberse', ['cybersecurity'])).toEqual([
      { term: 'cyberse', matched: ['cybersecurity'], kind: 'prefix' },
    ]);
  });

  it('reports no exact matches, no prefixes of words other than the last, and no Chinese segments', () => {
    expect(deriveExpansions('data cyber', ['data', 'database', 'cybersecurity'])).toEqual([
      { term: 'cyber', matched: ['cybersecurity'], kind: 'prefix' },
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
