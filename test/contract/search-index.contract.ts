/**
 * The behaviour every SearchIndex adapter must show. Call `describeSearchIndexContract` from an
 * adapter's test file with a factory that returns a fresh, empty index.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  SearchDocument,
  SearchFilter,
  SearchIndex,
  SearchQuery,
  SearchResult,
  Snippet,
} from '../../server/search/search-index.js';

function document(overrides: Partial<SearchDocument> & Pick<SearchDocument, 'id' | 'text'>): SearchDocument {
  const title = overrides.title ?? `Article 1 · ${overrides.id}`;
  return {
    kind: 'Provision',
    title,
    name: title,
    group: overrides.id.startsWith('instrument:') ? overrides.id : `instrument:${overrides.id}`,
    instrumentKind: 'law',
    countries: ['CN'],
    themes: ['theme:security'],
    language: 'en',
    ...overrides,
  };
}

const corpus: SearchDocument[] = [
  document({
    id: 'instrument:cn-cybersecurity-law',
    kind: 'Instrument',
    title: 'Cybersecurity Law of the People’s Republic of China',
    titleLocal: '中华人民共和国网络安全法',
    text: 'The law protects cyberspace sovereignty and national security, and the rights of citizens.',
    date: '2016-11-07',
    themes: ['theme:security', 'theme:sovereignty'],
  }),
  document({
    id: 'provision:cn-csl-37',
    title: 'Article 37 · Cybersecurity Law',
    text: '关键信息基础设施的运营者在中华人民共和国境内运营中收集和产生的个人信息和重要数据应当在境内存储。为维护网络安全，国家采取措施。',
    date: '2016-11-07',
    language: 'zh',
    themes: ['theme:data-localisation'],
  }),
  document({
    id: 'provision:th-cyber-act-3',
    title: 'Section 3 · Cybersecurity Act B.E. 2562',
    text: 'พระราชบัญญัติการรักษาความมั่นคงปลอดภัยไซเบอร์กำหนดหน้าที่ของหน่วยงาน',
    date: '2019-05-27',
    countries: ['TH'],
    language: 'th',
  }),
  document({
    id: 'provision:vn-cyber-law-26',
    title: 'Điều 26 · Luật An ninh mạng',
    text: 'Doanh nghiệp trong và ngoài nước cung cấp dịch vụ trên không gian mạng phải lưu trữ dữ liệu tại Việt Nam.',
    date: '2018-06-12',
    countries: ['VN'],
    language: 'vi',
    themes: ['theme:data-localisation'],
  }),
  document({
    id: 'provision:id-pdp-law-56',
    title: 'Pasal 56 · Undang-Undang Pelindungan Data Pribadi',
    text: 'Pengendali data pribadi dapat melakukan transfer data pribadi ke luar wilayah hukum Negara Republik Indonesia.',
    date: '2022-10-17',
    countries: ['ID'],
    instrumentKind: 'law',
    language: 'id',
    themes: ['theme:data-transfer'],
  }),
  document({
    id: 'instrument:asean-dmf',
    kind: 'Instrument',
    title: 'ASEAN Data Management Framework',
    text: 'A framework guiding ASEAN member states on data governance and cross-border data flows.',
    date: '2021-01',
    countries: ['ID', 'TH', 'VN', 'SG'],
    instrumentKind: 'agreement',
    themes: ['theme:data-transfer'],
  }),
  document({
    id: 'quote:xi-2015-wic',
    kind: 'Quote',
    title: 'Xi Jinping',
    text: 'Cyberspace is the common space of activities for mankind; its future should be in the hands of all countries.',
    date: '2015-12-16',
    instrumentKind: 'speech',
    themes: ['theme:sovereignty'],
  }),
  document({
    id: 'instrument:sg-undated-note',
    kind: 'Instrument',
    title: 'Note on data protection practice',
    text: 'An undated explanatory note about data protection obligations under a framework, framework by framework.',
    countries: ['SG'],
    instrumentKind: 'report',
    themes: ['theme:data-transfer'],
  }),
];

export function describeSearchIndexContract(name: string, createIndex: () => Promise<SearchIndex>): void {
  describe(`SearchIndex contract: ${name}`, () => {
    let index: SearchIndex;

    beforeEach(async () => {
      index = await createIndex();
      await index.replaceAll(corpus);
    });

    afterEach(async () => {
      await index.close();
    });

    const search = (text: string, options: Partial<Omit<SearchQuery, 'text'>> = {}): Promise<SearchResult> =>
      index.search({ text, filter: {}, sort: 'relevance', offset: 0, limit: 50, ...options });
    const ids = (result: SearchResult): string[] => result.hits.map((hit) => hit.id);
    const highlighted = (snippet: Snippet): string[] =>
      snippet.highlights.map(([start, end]) => snippet.text.slice(start, end));
    const filtered = (filter: SearchFilter, text = ''): Promise<SearchResult> => search(text, { filter });

    it('holds the documents it was given and reports ready', async () => {
      expect(await index.count()).toBe(corpus.length);
      expect(await index.readiness()).toEqual({ ready: true });
    });

    describe('matching', () => {
      it('finds an English word, case-insensitively', async () => {
        const result = await search('SOVEREIGNTY');
        expect(ids(result)).toEqual(['instrument:cn-cybersecurity-law']);
        expect(result.total).toBe(1);
      });

      it('requires every word of the query', async () => {
        expect(ids(await search('cyberspace mankind'))).toEqual(['quote:xi-2015-wic']);
      });

      it('finds a Chinese phrase inside a longer unspaced sentence', async () => {
        const result = await search('网络安全');
        expect(ids(result)).toContain('provision:cn-csl-37');
        expect(ids(result)).toContain('instrument:cn-cybersecurity-law');
        expect(ids(await search('个人信息'))).toEqual(['provision:cn-csl-37']);
      });

      it('finds a Thai word inside unsegmented Thai text', async () => {
        expect(ids(await search('ไซเบอร์'))).toEqual(['provision:th-cyber-act-3']);
      });

      it('finds Vietnamese with and without diacritics', async () => {
        expect(ids(await search('không gian mạng'))).toEqual(['provision:vn-cyber-law-26']);
        expect(ids(await search('khong gian mang'))).toEqual(['provision:vn-cyber-law-26']);
        expect(ids(await search('an ninh mang'))).toEqual(['provision:vn-cyber-law-26']);
        expect(ids(await search('dieu'))).toEqual(['provision:vn-cyber-law-26']);
      });

      it('finds Indonesian', async () => {
        expect(ids(await search('pelindungan data pribadi'))).toEqual(['provision:id-pdp-law-56']);
      });

      it('tolerates a typo in a long word and reports the expansion', async () => {
        const result = await search('cyberspase');
        expect(ids(result)).toEqual(expect.arrayContaining(['instrument:cn-cybersecurity-law', 'quote:xi-2015-wic']));
        expect(result.expansions).toContainEqual({
          term: 'cyberspase',
          matched: expect.arrayContaining(['cyberspace']),
          kind: 'typo',
        });
      });

      it('tolerates no typo in a short word', async () => {
        expect((await search('dada')).total).toBe(0);
      });

      it('matches the last word as a prefix', async () => {
        const result = await search('cyberse');
        expect(ids(result)).toEqual(
          expect.arrayContaining([
            'instrument:cn-cybersecurity-law',
            'provision:cn-csl-37',
            'provision:th-cyber-act-3',
          ]),
        );
        expect(result.expansions).toContainEqual({ term: 'cyberse', matched: ['cybersecurity'], kind: 'prefix' });
      });

      it('finds nothing for a word absent from every document', async () => {
        const result = await search('quantum');
        expect(result.hits).toEqual([]);
        expect(result.total).toBe(0);
      });

      it('ranks a title match above a match in the text', async () => {
        const result = await search('framework');
        expect(ids(result)).toEqual(['instrument:asean-dmf', 'instrument:sg-undated-note']);
      });

      it('ranks an exact match above a one-typo match, however often and prominently the near miss occurs', async () => {
        const filler = Array.from({ length: 60 }, (_, position) => `clause${position}`).join(' ');
        await index.replaceAll([
          document({
            id: 'provision:near-miss',
            title: 'Guidence on guidence',
            text: 'Guidence, guidence and more guidence.',
          }),
          document({ id: 'provision:exact', text: `${filler} the regulator issues guidance ${filler}` }),
        ]);
        const result = await search('guidance');
        expect(ids(result)).toEqual(['provision:exact', 'provision:near-miss']);
      });

      it('finds a document by the keywords of its themes, below documents that use the words', async () => {
        await index.replaceAll([
          document({
            id: 'provision:servers-inside',
            text: 'Operators keep personal information on servers inside the country.',
            themeText: 'Data localisation\ndata residency\nlocal storage',
          }),
          document({ id: 'provision:says-residency', text: 'A data residency rule for every operator.' }),
          document({ id: 'provision:unrelated', text: 'Operators report incidents within 72 hours.' }),
        ]);
        expect(ids(await search('data residency'))).toEqual(['provision:says-residency', 'provision:servers-inside']);
        expect(ids(await search('localisation'))).toEqual(['provision:servers-inside']);
      });
    });

    describe('the ranking rules of the README', () => {
      /** A small world of its own for each rule, so that each case shows one rule deciding. */
      const ranked = async (documents: SearchDocument[], text: string, options: Partial<SearchQuery> = {}) => {
        await index.replaceAll(documents);
        return ids(await search(text, options));
      };
      const unit = (id: string, overrides: Partial<SearchDocument>) =>
        document({ id, kind: 'Instrument', group: id, title: id, name: id, text: 'unrelated words', ...overrides });

      it('ranks a match in a curated alias above the same words in the name, and the name above the text', async () => {
        const found = await ranked(
          [
            unit('instrument:in-text', { text: 'the online falsehoods act applies' }),
            unit('instrument:in-name', { name: 'Online Falsehoods Act', title: 'Online Falsehoods Act' }),
            unit('instrument:in-alias', { aliases: ['Online Falsehoods Act'] }),
          ],
          'online falsehoods',
        );
        expect(found).toEqual(['instrument:in-alias', 'instrument:in-name', 'instrument:in-text']);
      });

      it('ranks words together above the same words apart, and in order above reversed', async () => {
        const found = await ranked(
          [
            unit('instrument:apart', { text: 'critical systems of the information kind and infrastructure' }),
            unit('instrument:reversed', { text: 'infrastructure critical information' }),
            unit('instrument:together', { text: 'critical information infrastructure operators' }),
          ],
          'critical information infrastructure',
        );
        expect(found).toEqual(['instrument:together', 'instrument:reversed', 'instrument:apart']);
      });

      it('ranks law in force above superseded and draft law at equal relevance', async () => {
        const found = await ranked(
          [
            unit('instrument:draft', { name: 'Cybersecurity Law', status: 'draft' }),
            unit('instrument:superseded', { name: 'Cybersecurity Law', status: 'superseded' }),
            unit('instrument:in-force', { name: 'Cybersecurity Law', status: 'in_force' }),
          ],
          'cybersecurity law',
        );
        expect(found[0]).toBe('instrument:in-force');
      });

      it('ranks a field that is the query above one that only contains it', async () => {
        const found = await ranked(
          [
            unit('instrument:contains', { aliases: ['The PDPA of 2012'] }),
            unit('instrument:is', { aliases: ['PDPA'] }),
          ],
          'pdpa',
        );
        expect(found).toEqual(['instrument:is', 'instrument:contains']);
      });

      it('never reads a number as a prefix nor forgives a typo in it', async () => {
        const found = await ranked(
          [
            unit('instrument:decree-130', { aliases: ['Decree 130/2018'] }),
            unit('instrument:decree-14', { aliases: ['Decree 14/2018'] }),
            unit('instrument:decree-13', { aliases: ['Decree 13/2023'] }),
          ],
          'decree 13',
        );
        expect(found).toEqual(['instrument:decree-13']);
      });

      it('collapses to one hit per group, the best of it, and counts groups', async () => {
        const documents = [
          unit('instrument:a', { text: 'encryption keys' }),
          document({
            id: 'provision:a-1',
            group: 'instrument:a',
            name: 'Article 1',
            text: 'encryption keys encryption',
          }),
          document({ id: 'provision:a-2', group: 'instrument:a', name: 'Encryption', text: 'keys' }),
          unit('instrument:b', { text: 'encryption' }),
        ];
        const found = await ranked(documents, 'encryption', { collapse: true });
        expect(found).toEqual(['provision:a-2', 'instrument:b']);
        const result = await search('encryption', { collapse: true });
        expect(result.total).toBe(2);
        expect(result.hits.map((hit) => hit.group)).toEqual(['instrument:a', 'instrument:b']);
        expect(result.facets.kind).toEqual([
          { value: 'Instrument', count: 1 },
          { value: 'Provision', count: 1 },
        ]);
      });

      it('searches within the groups asked for, and finds nothing for an empty list', async () => {
        await index.replaceAll([
          unit('instrument:a', { text: 'encryption' }),
          unit('instrument:b', { text: 'encryption' }),
        ]);
        expect(ids(await search('encryption', { filter: { groups: ['instrument:b'] } }))).toEqual(['instrument:b']);
        expect((await search('encryption', { filter: { groups: [] } })).total).toBe(0);
      });

      it('says which fields matched, and how a word differs from the one typed', async () => {
        await index.replaceAll([
          unit('instrument:vn', { name: 'Luật An ninh mạng', aliases: ['LCS'], text: 'an ninh mạng là' }),
        ]);
        const [hit] = (await search('an ninh mang')).hits;
        expect(hit?.matchedFields.map((match) => match.field)).toEqual(['name', 'text']);
        expect(hit?.via).toEqual(['folding']);
      });

      it('filters by status and counts statuses', async () => {
        await index.replaceAll([
          unit('instrument:old', { name: 'Data Law', status: 'superseded' }),
          unit('instrument:new', { name: 'Data Law', status: 'in_force' }),
        ]);
        const result = await search('data law', { filter: { statuses: ['in_force'] } });
        expect(ids(result)).toEqual(['instrument:new']);
        expect(result.facets.status).toEqual([
          { value: 'in_force', count: 1 },
          { value: 'superseded', count: 1 },
        ]);
      });
    });

    describe('filters', () => {
      it('filters by kind', async () => {
        const result = await filtered({ kinds: ['Quote'] });
        expect(ids(result)).toEqual(['quote:xi-2015-wic']);
      });

      it('filters by country, matching a document that lists any of the countries', async () => {
        const result = await filtered({ countries: ['TH'] });
        expect(ids(result).sort()).toEqual(['instrument:asean-dmf', 'provision:th-cyber-act-3']);
        const either = await filtered({ countries: ['TH', 'VN'] });
        expect(either.total).toBe(3);
      });

      it('filters by instrument kind', async () => {
        expect(ids(await filtered({ instrumentKinds: ['agreement', 'speech'] })).sort()).toEqual([
          'instrument:asean-dmf',
          'quote:xi-2015-wic',
        ]);
      });

      it('filters by theme', async () => {
        expect(ids(await filtered({ themes: ['theme:sovereignty'] })).sort()).toEqual([
          'instrument:cn-cybersecurity-law',
          'quote:xi-2015-wic',
        ]);
      });

      it('filters by a year range, inclusive, leaving out undated documents', async () => {
        const result = await filtered({ yearFrom: 2018, yearTo: 2021 });
        expect(ids(result).sort()).toEqual([
          'instrument:asean-dmf',
          'provision:th-cyber-act-3',
          'provision:vn-cyber-law-26',
        ]);
        expect((await filtered({ yearFrom: 2022 })).total).toBe(1);
      });

      it('combines different filters with AND, and filters with a text query', async () => {
        expect(ids(await filtered({ countries: ['CN'], kinds: ['Instrument'] }))).toEqual([
          'instrument:cn-cybersecurity-law',
        ]);
        expect(ids(await filtered({ countries: ['ID'] }, 'data'))).toEqual(
          expect.arrayContaining(['provision:id-pdp-law-56', 'instrument:asean-dmf']),
        );
        expect((await filtered({ countries: ['ID'] }, 'data')).total).toBe(2);
      });

      it('matches nothing for a value no document has', async () => {
        expect((await filtered({ countries: ['XX'] })).total).toBe(0);
      });
    });

    describe('facets', () => {
      const countOf = (facet: { value: string; count: number }[], value: string): number | undefined =>
        facet.find((entry) => entry.value === value)?.count;

      it('counts every facet over all matches, not only the returned page', async () => {
        const result = await search('', { limit: 1 });
        expect(countOf(result.facets.kind, 'Provision')).toBe(4);
        expect(countOf(result.facets.kind, 'Instrument')).toBe(3);
        expect(countOf(result.facets.country, 'CN')).toBe(3);
        expect(countOf(result.facets.country, 'SG')).toBe(2);
        expect(countOf(result.facets.instrumentKind, 'law')).toBe(5);
        expect(countOf(result.facets.theme, 'theme:data-transfer')).toBe(3);
        expect(countOf(result.facets.year, '2016')).toBe(2);
        expect(result.facets.year.reduce((sum, entry) => sum + entry.count, 0)).toBe(7);
      });

      it('counts the matches of the text query only', async () => {
        const result = await search('data');
        expect(countOf(result.facets.country, 'CN')).toBeUndefined();
        expect(countOf(result.facets.country, 'ID')).toBe(2);
      });

      it('computes each facet with every filter but its own', async () => {
        const result = await filtered({ countries: ['TH'], kinds: ['Provision'] });
        expect(ids(result)).toEqual(['provision:th-cyber-act-3']);
        // Other countries stay visible with their counts under the kind filter...
        expect(countOf(result.facets.country, 'CN')).toBe(1);
        expect(countOf(result.facets.country, 'VN')).toBe(1);
        // ...and other kinds under the country filter.
        expect(countOf(result.facets.kind, 'Instrument')).toBe(1);
        // A facet with no filter of its own counts the fully filtered matches.
        expect(result.facets.theme).toEqual([{ value: 'theme:security', count: 1 }]);
      });

      it('sorts facet values by count, most first', async () => {
        const counts = (await search('')).facets.country.map((entry) => entry.count);
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
      });
    });

    describe('sorting and paging', () => {
      it('sorts by date, newest or oldest first, undated last', async () => {
        const newest = ids(await search('', { sort: 'date_desc' }));
        expect(newest.slice(0, 2)).toEqual(['provision:id-pdp-law-56', 'instrument:asean-dmf']);
        expect(newest.at(-1)).toBe('instrument:sg-undated-note');
        const oldest = ids(await search('', { sort: 'date_asc' }));
        expect(oldest[0]).toBe('quote:xi-2015-wic');
        expect(oldest.at(-1)).toBe('instrument:sg-undated-note');
      });

      it('sorts an empty query by date even when asked for relevance', async () => {
        expect(ids(await search('', { sort: 'relevance' }))).toEqual(ids(await search('', { sort: 'date_desc' })));
      });

      it('sorts matches of a text query by date when asked', async () => {
        expect(ids(await search('data', { sort: 'date_asc' }))).toEqual([
          'instrument:asean-dmf',
          'provision:id-pdp-law-56',
          'instrument:sg-undated-note',
        ]);
      });

      it('pages with offset and limit, with a stable total and no overlap', async () => {
        const all = ids(await search('', { sort: 'relevance' }));
        const pages: string[] = [];
        for (let offset = 0; offset < all.length; offset += 3) {
          const page = await search('', { sort: 'relevance', offset, limit: 3 });
          expect(page.total).toBe(corpus.length);
          pages.push(...ids(page));
        }
        expect(pages).toEqual(all);
        expect((await search('', { offset: corpus.length, limit: 3 })).hits).toEqual([]);
      });
    });

    describe('highlights', () => {
      it('points at the matched characters of the text and the title', async () => {
        const [hit] = (await search('sovereignty')).hits;
        expect(highlighted(hit?.snippet as Snippet)).toEqual(['sovereignty']);
        const [titleHit] = (await search('management')).hits;
        expect(highlighted(titleHit?.title as Snippet)).toEqual(['Management']);
      });

      it('highlights the written form of a folded match', async () => {
        const [hit] = (await search('khong gian mang')).hits;
        expect(highlighted(hit?.snippet as Snippet)).toEqual(['không', 'gian', 'mạng']);
        expect(highlighted(hit?.title as Snippet)).toEqual(['mạng']);
      });

      it('highlights Chinese and Thai segments', async () => {
        const [chinese] = (await search('个人信息')).hits;
        expect(highlighted(chinese?.snippet as Snippet).join('')).toContain('个人信息');
        const [thai] = (await search('ไซเบอร์')).hits;
        expect(highlighted(thai?.snippet as Snippet)).toEqual(['ไซเบอร์']);
      });

      it('highlights words reached by typo or prefix', async () => {
        const [hit] = (await search('cyberse')).hits.filter((entry) => entry.id === 'instrument:cn-cybersecurity-law');
        expect(highlighted(hit?.title as Snippet)).toEqual(['Cybersecurity']);
      });

      it('cuts a long text to a window around the match', async () => {
        const filler = Array.from({ length: 200 }, (_, position) => `filler${position}`).join(' ');
        await index.replaceAll([
          document({ id: 'provision:long', text: `${filler} the encryption obligation applies ${filler}` }),
        ]);
        const [hit] = (await search('encryption')).hits;
        const snippet = hit?.snippet as Snippet;
        expect(snippet.text.length).toBeLessThan(600);
        expect(highlighted(snippet)).toEqual(['encryption']);
      });
    });

    describe('replaceAll', () => {
      it('replaces every document rather than merging', async () => {
        await index.replaceAll([document({ id: 'provision:new', text: 'Entirely new provision on encryption.' })]);
        expect(await index.count()).toBe(1);
        expect((await search('cyberspace')).total).toBe(0);
        expect(ids(await search('encryption'))).toEqual(['provision:new']);
        expect(ids(await search(''))).toEqual(['provision:new']);
      });

      it('forgets the vocabulary of removed documents', async () => {
        await index.replaceAll([document({ id: 'provision:new', text: 'Entirely new provision.' })]);
        expect((await search('cyberspase')).expansions).toEqual([]);
      });
    });

    describe('hostile input', () => {
      const hostile = [
        '"',
        '""',
        '*',
        'data*',
        'OR',
        'data OR',
        'AND NOT',
        'NEAR(',
        'NEAR(data security, 2)',
        'title:data',
        '{title}: x',
        '^data',
        '(((',
        "'; DROP TABLE documents; --",
        '\\',
        '\u0000',
        '-data +security',
        '🔒 data',
        'a'.repeat(5000),
        'data '.repeat(200),
      ];

      it.each(hostile)('answers %j as plain words', async (text) => {
        const result = await search(text);
        expect(result.hits).toHaveLength(Math.min(result.total, 50));
        const known = new Set(corpus.map((document) => document.id));
        for (const hit of result.hits) expect(known).toContain(hit.id);
      });

      it.each(['data*', 'data '.repeat(200)])('finds the documents holding the one word of %j', async (text) => {
        expect((await search(text)).total).toBeGreaterThan(0);
      });

      const wrappedData = [
        '^data',
        '🔒 data',
        '~data',
        '$data',
        '|data',
        '<data>',
        '=data',
        'data…',
        '«data»',
        '#data!',
      ];
      it.each(wrappedData)(
        'reads the symbols and punctuation of %j as spaces, finding what "data" finds',
        async (text) => {
          const plain = ids(await search('data'));
          expect(plain.length).toBeGreaterThan(0);
          expect(ids(await search(text))).toEqual(plain);
        },
      );

      it('splits words at a symbol inside them, as it splits documents', async () => {
        const apart = ids(await search('data governance'));
        expect(apart).toContain('instrument:asean-dmf');
        expect(ids(await search('data^governance'))).toEqual(apart);
        expect(ids(await search('data|governance'))).toEqual(apart);
      });

      it('finds words written against symbols in a document', async () => {
        await index.replaceAll([
          document({ id: 'provision:symbols', text: 'Rules^on ~records, $fees|and=audits… under 🔒encryption<law>.' }),
        ]);
        for (const words of ['rules on', 'records fees', 'and audits', 'encryption law', 'law encryption'])
          expect(ids(await search(words)), words).toEqual(['provision:symbols']);
      });

      it('reads a leading minus as no negation: "-data" finds the documents holding data', async () => {
        expect(ids(await search('-data'))).toEqual(ids(await search('data')));
        expect(ids(await search('framework -data'))).toContain('instrument:asean-dmf');
      });

      it('reads quotes as no phrase: every quoted word must match, anywhere and in any order', async () => {
        // The framework has "data governance", never "governance data": a phrase search would miss it.
        const words = ids(await search('governance data'));
        expect(words).toContain('instrument:asean-dmf');
        expect(ids(await search('"governance data"'))).toEqual(words);
      });

      it('finds a Chinese word followed by full-width punctuation', async () => {
        expect(ids(await search('网络安全！'))).toEqual(ids(await search('网络安全')));
        expect(ids(await search('网络安全'))).toContain('provision:cn-csl-37');
      });

      it('treats FTS syntax words as plain words', async () => {
        await index.replaceAll([document({ id: 'provision:or', text: 'Either this OR that, near the border.' })]);
        expect(ids(await search('OR'))).toEqual(['provision:or']);
        expect(ids(await search('NEAR('))).toEqual(['provision:or']);
      });

      it('ignores hostile filter values instead of failing', async () => {
        const result = await filtered({ countries: ["' OR 1=1 --"], themes: ['"'] });
        expect(result.total).toBe(0);
      });
    });
  });
}
