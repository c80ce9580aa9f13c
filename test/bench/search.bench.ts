/**
 * Search benchmark for the embedded SQLite index: 100,000 synthetic provisions with a skewed
 * vocabulary (common legal words in most passages, a Zipf tail, some Chinese and Thai), then ~300
 * two-word queries (top 20, with facets). Prints figures; asserts nothing.
 * Run: npx tsx test/bench/search.bench.ts [documents] [file|:memory:]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { instrumentKinds } from '../../ingest/model.js';
import { openSqliteSearchIndex } from '../../server/search/embedded/sqlite-search-index.js';
import type { SearchDocument, SearchQuery } from '../../server/search/search-index.js';
import { chineseSentences, commonWords, legalWords, mulberry32, syllables, thaiSentences } from './synthetic-corpus.js';

const documentCount = Number(process.argv[2] ?? 100_000);
const storage = process.argv[3] ?? 'file';
const queryCount = 300;

const random = mulberry32(20240601);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** A long tail of rarer invented words, drawn with a Zipf-like skew. */
const tailWords = Array.from({ length: 20_000 }, () => {
  const length = 2 + Math.floor(random() * 3);
  return Array.from({ length }, () => pick(syllables)).join('');
});
const zipfWord = (): string => tailWords[Math.floor(tailWords.length * random() ** 3)] as string;

const countries = ['CN', 'VN', 'TH', 'ID', 'MY', 'SG', 'PH', 'KH', 'LA', 'MM', 'BN'];
const themes = Array.from({ length: 40 }, (_, index) => `theme:t${index}`);

function passage(): { text: string; language: string } {
  const roll = random();
  if (roll < 0.08) return { text: `${pick(chineseSentences)}。${pick(chineseSentences)}`, language: 'zh' };
  if (roll < 0.12) return { text: `${pick(thaiSentences)} ${pick(thaiSentences)}`, language: 'th' };
  const words: string[] = [];
  const length = 25 + Math.floor(random() * 60);
  for (let index = 0; index < length; index++) {
    const kind = random();
    words.push(kind < 0.25 ? pick(commonWords) : kind < 0.45 ? pick(legalWords) : zipfWord());
  }
  return { text: `${words.join(' ')}.`, language: 'en' };
}

function generateDocuments(count: number): SearchDocument[] {
  const instruments = Array.from({ length: 2000 }, (_, index) => ({
    id: `instrument:i${index}`,
    title: `${pick(legalWords)} ${pick(commonWords)} ${pick(['Law', 'Decree', 'Strategy', 'Act'])} ${1995 + (index % 31)}`,
    kind: pick(instrumentKinds),
    countries: random() < 0.9 ? [pick(countries)] : [pick(countries), pick(countries), pick(countries)],
    themes: [pick(themes), pick(themes)],
    date: `${1995 + Math.floor(random() * 31)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`,
  }));
  return Array.from({ length: count }, (_, index) => {
    const instrument = pick(instruments);
    const { text, language } = passage();
    return {
      id: `provision:p${index}`,
      kind: 'Provision',
      title: `Article ${1 + (index % 80)} · ${instrument.title}`,
      name: `Article ${1 + (index % 80)}`,
      parentTitle: instrument.title,
      text,
      group: instrument.id,
      instrumentKind: instrument.kind,
      countries: instrument.countries,
      themes: instrument.themes,
      date: instrument.date,
      language,
    };
  });
}

function generateQueries(count: number): SearchQuery[] {
  const word = (): string => {
    const roll = random();
    if (roll < 0.3) return pick(commonWords);
    if (roll < 0.65) return pick(legalWords);
    if (roll < 0.75) return pick(['网络安全', '个人信息', 'ไซเบอร์', 'ข้อมูล']);
    return zipfWord();
  };
  return Array.from({ length: count }, () => ({
    text: `${word()} ${word()}`,
    filter: random() < 0.3 ? { countries: [pick(countries)] } : {},
    sort: 'relevance',
    offset: 0,
    limit: 20,
  }));
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number;
}

const directory = mkdtempSync(join(tmpdir(), 'search-bench-'));
try {
  const path = storage === ':memory:' ? ':memory:' : join(directory, 'search.sqlite');
  const documents = generateDocuments(documentCount);
  const queries = generateQueries(queryCount);
  // Warm-up queries are drawn separately, so timed queries are not served from the match cache by the warm-up.
  const warmUp = generateQueries(20);
  const index = openSqliteSearchIndex({ path });

  const loadStart = performance.now();
  await index.replaceAll(documents);
  const loadMs = performance.now() - loadStart;

  for (const query of warmUp) await index.search(query);
  const timed: { text: string; ms: number; cpuMs: number; total: number }[] = [];
  for (const query of queries) {
    // CPU time beside wall time: on a shared machine, wall time also counts waiting for a core.
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const result = await index.search(query);
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    timed.push({ text: query.text, ms, cpuMs: (cpu.user + cpu.system) / 1000, total: result.total });
  }
  await index.close();
  const latencies = timed.map((entry) => entry.ms).sort((a, b) => a - b);
  const cpuTimes = timed.map((entry) => entry.cpuMs).sort((a, b) => a - b);
  const totalHits = timed.reduce((sum, entry) => sum + entry.total, 0);
  const slowest = [...timed].sort((a, b) => b.ms - a.ms).slice(0, 5);

  const figure = (ms: number): string => `${ms.toFixed(2)} ms`;
  console.log(`documents        ${documentCount} (${storage})`);
  console.log(`load             ${figure(loadMs)}`);
  console.log(`queries          ${queryCount}, mean matches ${Math.round(totalHits / queryCount)}`);
  console.log(`latency p50      ${figure(percentile(latencies, 0.5))}`);
  console.log(`latency p95      ${figure(percentile(latencies, 0.95))}`);
  console.log(`latency p99      ${figure(percentile(latencies, 0.99))}`);
  console.log(`latency max      ${figure(latencies[latencies.length - 1] as number)}`);
  console.log(
    `CPU p50/p95/p99  ${[0.5, 0.95, 0.99].map((fraction) => figure(percentile(cpuTimes, fraction))).join(' / ')}`,
  );
  console.log(`load average     ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`);
  console.log(`peak RSS         ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  for (const entry of slowest)
    console.log(`slow query       ${figure(entry.ms)}  ${entry.total} matches  "${entry.text}"`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
