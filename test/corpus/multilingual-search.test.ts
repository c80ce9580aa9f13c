/**
 * Searching the bundled corpus in the languages of the region: a reader who types a law's name or a phrase
 * of its official text in Chinese, Vietnamese (with or without diacritics), Thai or Indonesian finds that law
 * among the first three results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeOf } from '../../ingest/model.js';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { ThemeTree } from '../../server/domain/themes.js';
import { searchDocuments } from '../../server/search/documents.js';
import { openSqliteSearchIndex } from '../../server/search/embedded/sqlite-search-index.js';
import type { SearchIndex } from '../../server/search/search-index.js';

let index: SearchIndex;
/** The instrument each search document belongs to: a provision or quote hit stands for its instrument. */
const instrumentOf = new Map<string, string>();

beforeAll(async () => {
  const { graph } = await ingestCorpus(['corpus']);
  const tree = new ThemeTree(graph.nodes.filter((node): node is NodeOf<'Theme'> => node.kind === 'Theme'));
  const documents = searchDocuments(graph, tree);
  for (const document of documents) instrumentOf.set(document.id, document.group);
  index = openSqliteSearchIndex({ path: ':memory:' });
  await index.replaceAll(documents);
});

afterAll(async () => {
  await index?.close();
});

async function topInstruments(text: string): Promise<string[]> {
  const result = await index.search({ text, filter: {}, sort: 'relevance', offset: 0, limit: 3 });
  return result.hits.map((hit) => instrumentOf.get(hit.id) ?? hit.id);
}

const chineseCybersecurityLaw = ['instrument:cn-cybersecurity-law-2016', 'instrument:cn-cybersecurity-law-2016-zh'];
const vietnameseCybersecurityLaw = [
  'instrument:vn-cybersecurity-law-2018',
  'instrument:vn-cybersecurity-law-2018-vi',
  'instrument:vn-cybersecurity-law-2025',
];
const vietnameseDataLocalisation = ['instrument:vn-cybersecurity-law-2018', 'instrument:vn-cybersecurity-law-2018-vi'];
const thaiPersonalDataAct = ['instrument:th-pdpa-2019'];
const indonesianPersonalDataLaw = ['instrument:id-pdp-law-2022', 'instrument:id-pdp-law-2022-id'];

describe('multilingual search over the bundled corpus', () => {
  it.each([
    ['Chinese, by the short title', '网络安全法', chineseCybersecurityLaw],
    ['Chinese, by a phrase of Article 37', '个人信息和重要数据应当在境内存储', chineseCybersecurityLaw],
    ['Vietnamese with diacritics', 'Luật An ninh mạng', vietnameseCybersecurityLaw],
    ['Vietnamese without diacritics', 'luat an ninh mang', vietnameseCybersecurityLaw],
    [
      'Vietnamese with diacritics, a phrase of Article 26',
      'lưu trữ dữ liệu này tại Việt Nam',
      vietnameseDataLocalisation,
    ],
    [
      'Vietnamese without diacritics, a phrase of Article 26',
      'luu tru du lieu nay tai Viet Nam',
      vietnameseDataLocalisation,
    ],
    ['Thai, by the title', 'พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล', thaiPersonalDataAct],
    ['Indonesian, by the title', 'Undang-Undang Pelindungan Data Pribadi', indonesianPersonalDataLaw],
    ['Indonesian, lower case, with the number', 'undang-undang nomor 27 tahun 2022', indonesianPersonalDataLaw],
    // The Malaysian "Perlindungan Data Peribadi" is one letter off in two words: the exact title must still win.
    ['Indonesian, the bare title', 'Pelindungan Data Pribadi', indonesianPersonalDataLaw],
  ])('%s: "%s" finds the law among the top 3', async (_language, query, expected) => {
    const found = await topInstruments(query);
    expect(
      found.some((instrument) => expected.includes(instrument)),
      `top 3: ${found.join(', ')}`,
    ).toBe(true);
  });

  it('ranks the law titled with the exact words above the one a spelling away', async () => {
    const result = await index.search({
      text: 'Pelindungan Data Pribadi',
      filter: {},
      sort: 'relevance',
      offset: 0,
      // Deep enough that the Malaysian law, which matches only within the typo budget, is listed too.
      limit: 100,
    });
    const instruments = result.hits.map((hit) => instrumentOf.get(hit.id));
    const firstMalaysian = instruments.indexOf('instrument:my-personal-data-protection-act-2010');
    const lastIndonesian = Math.max(...indonesianPersonalDataLaw.map((instrument) => instruments.indexOf(instrument)));
    expect(lastIndonesian, instruments.join(', ')).toBeGreaterThanOrEqual(0);
    expect(firstMalaysian, instruments.join(', ')).toBeGreaterThan(lastIndonesian);
  });
});

describe('concept search through the themes taxonomy', () => {
  const topTen = async (text: string): Promise<string[]> =>
    (await index.search({ text, filter: {}, sort: 'relevance', offset: 0, limit: 10 })).hits.map((hit) => hit.id);

  it('"data localization" finds laws tagged with data localisation whose text never uses the words', async () => {
    const found = (await topTen('data localization')).map((id) => instrumentOf.get(id) ?? id);
    // The instruments' summaries speak of domestic servers, never of "localization".
    expect(found, found.join(', ')).toEqual(
      expect.arrayContaining(['instrument:cn-cybersecurity-law-2016', 'instrument:vn-cybersecurity-law-2018']),
    );
  });

  it('ranks units that use the words above units that only carry the theme', async () => {
    const result = await index.search({
      text: 'data localisation',
      filter: {},
      sort: 'relevance',
      offset: 0,
      limit: 50,
    });
    const ownWords = result.hits.map(
      (hit) => /locali[sz]ation/i.test(hit.snippet.text) || /locali[sz]ation/i.test(hit.title.text),
    );
    expect(ownWords.indexOf(false), 'a theme-only match comes first').toBeGreaterThan(0);
    expect(ownWords.slice(ownWords.indexOf(false))).not.toContain(true);
  });

  it('"data localization" finds CN Article 37 and VN Article 26 in English', async () => {
    const found = await topTen('data localization');
    expect(found).toEqual(
      expect.arrayContaining([
        'provision:cn-cybersecurity-law-2016:art-37',
        'provision:vn-cybersecurity-law-2018:art-26',
      ]),
    );
  });
});
