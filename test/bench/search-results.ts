/**
 * Every result of the embedded search on a fixed set of searches, one JSON line per search, so a change meant
 * to keep results as they are (a speed-up, a memory saving) can be checked: run it before and after, and
 * compare the two outputs byte for byte. Covers the bundled corpus with every judged query, and a synthetic
 * corpus of instruments, provisions, quotes and people with typo, prefix, Chinese and Thai queries; each
 * query runs through pages, date sorts, filters, collapsing and per-group listing in turn, so results served
 * from the match cache are covered too.
 * Run: node --import tsx test/bench/search-results.ts [synthetic documents] > results.jsonl
 */
import { instrumentKinds, instrumentStatuses } from '../../ingest/model.js';
import { ingestCorpus } from '../../ingest/pipeline.js';
import { answerSearch } from '../../server/domain/search.js';
import { ThemeTree } from '../../server/domain/themes.js';
import { searchDocuments } from '../../server/search/documents.js';
import { openSqliteSearchIndex } from '../../server/search/embedded/sqlite-search-index.js';
import type { SearchDocument, SearchIndex, SearchQuery } from '../../server/search/search-index.js';
import { loadQuerySet } from '../relevance/query-set.js';
import {
  chineseSentences,
  commonWords,
  legalWords,
  mulberry32,
  repositoryRoot,
  syllables,
  thaiSentences,
  unspacedQueryWords,
} from './synthetic-corpus.js';

const syntheticCount = Number(process.argv[2] ?? 20_000);
const random = mulberry32(7);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const tailWords = Array.from({ length: 3000 }, () =>
  Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(syllables)).join(''),
);
const tailWord = (): string => tailWords[Math.floor(tailWords.length * random() ** 3)] as string;
const countries = ['CN', 'VN', 'TH', 'ID', 'MY', 'SG'];
const themes = Array.from({ length: 12 }, (_, index) => `theme:t${index}`);

function sentence(length: number): string {
  const roll = random();
  if (roll < 0.08) return pick(chineseSentences);
  if (roll < 0.12) return pick(thaiSentences);
  return Array.from({ length }, () => {
    const kind = random();
    return kind < 0.25 ? pick(commonWords) : kind < 0.5 ? pick(legalWords) : tailWord();
  }).join(' ');
}

function syntheticDocuments(count: number): SearchDocument[] {
  const instruments = Array.from({ length: Math.max(1, Math.floor(count / 20)) }, (_, index) => {
    const title = `${pick(legalWords)} ${pick(commonWords)} ${pick(['Law', 'Decree', 'Strategy'])} ${2000 + (index % 25)}`;
    return {
      id: `instrument:s${index}`,
      kind: 'Instrument' as const,
      title,
      name: title,
      aliases: random() < 0.3 ? [`${pick(syllables)}${pick(syllables)}`.toUpperCase(), `${index}/20${index % 25}`] : [],
      text: sentence(20),
      group: `instrument:s${index}`,
      instrumentKind: pick(instrumentKinds),
      status: pick(instrumentStatuses),
      countries: [pick(countries)],
      countryNames: ['Viet Nam', 'Vietnam'],
      themes: [pick(themes)],
      themeText: `${pick(legalWords)} ${pick(legalWords)}`,
      date: random() < 0.9 ? `${2000 + Math.floor(random() * 25)}-0${1 + Math.floor(random() * 9)}` : undefined,
      language: 'en',
    };
  });
  const parts = Array.from({ length: count - instruments.length }, (_, index): SearchDocument => {
    const instrument = pick(instruments);
    const quote = random() < 0.1;
    return {
      id: `${quote ? 'quote' : 'provision'}:s${index}`,
      kind: quote ? 'Quote' : 'Provision',
      title: `Article ${1 + (index % 40)} · ${instrument.title}`,
      name: quote ? pick(['Lu Wei', 'Nguyen Van A', 'Somchai']) : `Article ${1 + (index % 40)}`,
      parentTitle: instrument.title,
      text: sentence(10 + Math.floor(random() * 50)),
      group: instrument.id,
      instrumentKind: instrument.instrumentKind,
      status: instrument.status,
      countries: instrument.countries,
      themes: random() < 0.5 ? instrument.themes : [pick(themes)],
      date: instrument.date,
      language: 'en',
    };
  });
  return [...instruments, ...parts];
}

function syntheticQueries(count: number): string[] {
  const word = (): string => {
    const roll = random();
    if (roll < 0.3) return pick(commonWords);
    if (roll < 0.6) return pick(legalWords);
    if (roll < 0.7) return pick(unspacedQueryWords);
    if (roll < 0.8) return pick(legalWords).slice(0, 4); // a prefix
    if (roll < 0.9) return pick(legalWords).replace(/[aeiou]/, 'x'); // a typo
    return tailWord();
  };
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, word).join(' '));
}

/** The searches run for one query text, in this order: the later ones reuse the first one's cached matches. */
async function searchesOf(index: SearchIndex, text: string): Promise<unknown[]> {
  const base: SearchQuery = { text, filter: {}, sort: 'relevance', offset: 0, limit: 20 };
  const variants: SearchQuery[] = [
    base,
    { ...base, offset: 20 },
    { ...base, sort: 'date_desc' },
    { ...base, sort: 'date_asc', offset: 40, limit: 10 },
    { ...base, collapse: true, limit: 10 },
    { ...base, collapse: true, offset: 10, limit: 10, sort: 'date_desc' },
    { ...base, collapse: true, filter: { countries: ['CN', 'VN'] } },
    { ...base, filter: { statuses: ['in_force'], kinds: ['Provision', 'Instrument'] } },
    { ...base, limit: 0 },
  ];
  const answers: unknown[] = [];
  for (const query of variants) answers.push({ query, result: await index.search(query) });
  const collapsed = await index.search({ ...base, collapse: true, limit: 6 });
  const groups = collapsed.hits.map((hit) => hit.group);
  if (groups.length > 0) {
    const query: SearchQuery = { ...base, filter: { groups, kinds: ['Provision', 'Quote'] }, perGroup: 4, limit: 24 };
    answers.push({ query, result: await index.search(query) });
  }
  const request = { text, filter: {}, sort: 'relevance' as const, offset: 0, limit: 10, grouped: true };
  answers.push({ request, answer: await answerSearch(index, request) });
  return answers;
}

async function printAll(label: string, documents: SearchDocument[], texts: string[]): Promise<void> {
  const index = openSqliteSearchIndex({ path: ':memory:' });
  await index.replaceAll(documents);
  for (const text of ['', ...texts]) {
    for (const answer of await searchesOf(index, text)) console.log(JSON.stringify({ corpus: label, text, answer }));
  }
  await index.close();
}

const { queries, errors } = await loadQuerySet();
if (errors.length > 0) throw new Error(`the judged query set has ${errors.length} problem(s)`);
const { graph } = await ingestCorpus([`${repositoryRoot}/corpus`]);
const themeNodes = graph.nodes.filter((node) => node.kind === 'Theme');
await printAll(
  'bundled',
  searchDocuments(graph, new ThemeTree(themeNodes as ConstructorParameters<typeof ThemeTree>[0])),
  queries.map((query) => query.query),
);
await printAll('synthetic', syntheticDocuments(syntheticCount), syntheticQueries(400));
