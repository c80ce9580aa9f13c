/**
 * A large synthetic corpus for the benchmarks, written as real corpus files (Markdown with front matter,
 * docs/corpus-format.md) beside a copy of the bundled corpus, so the real ingest reads it. Passages have
 * a realistic skew: common legal words in most of them, a Zipf tail of rarer words, some Chinese and Thai.
 * Instruments reference bundled instruments and each other, so graph traversals have something to cross.
 */
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { instrumentKinds } from '../../ingest/model.js';

export const repositoryRoot = join(import.meta.dirname, '../..');

/** Deterministic, so runs compare. */
export function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const commonWords = ['data', 'security', 'information', 'shall', 'network', 'personal', 'operators', 'state'];
export const legalWords = [
  'cybersecurity',
  'cyberspace',
  'protection',
  'critical',
  'infrastructure',
  'transfer',
  'processing',
  'consent',
  'incident',
  'report',
  'authority',
  'ministry',
  'regulation',
  'penalty',
  'encryption',
  'localisation',
  'sovereignty',
  'cooperation',
  'assessment',
  'classified',
  'telecommunications',
  'platform',
  'content',
  'emergency',
  'response',
  'audit',
  'compliance',
  'breach',
  'notification',
  'controller',
];
export const chineseSentences = [
  '网络运营者应当按照网络安全等级保护制度的要求履行安全保护义务',
  '关键信息基础设施的运营者在中华人民共和国境内运营中收集和产生的个人信息和重要数据应当在境内存储',
  '国家坚持网络安全与信息化发展并重遵循积极利用科学发展依法管理确保安全的方针',
  '个人信息处理者应当采取必要措施保障所处理的个人信息的安全',
];
export const thaiSentences = [
  'พระราชบัญญัติการรักษาความมั่นคงปลอดภัยไซเบอร์ กำหนดให้หน่วยงานโครงสร้างพื้นฐานสำคัญทางสารสนเทศ',
  'ผู้ควบคุมข้อมูลส่วนบุคคลต้องแจ้งเหตุการละเมิดข้อมูลส่วนบุคคลแก่สำนักงาน',
  'คณะกรรมการการรักษาความมั่นคงปลอดภัยไซเบอร์แห่งชาติมีอำนาจหน้าที่',
];
export const unspacedQueryWords = ['网络安全', '个人信息', 'ไซเบอร์', 'ข้อมูล'];
export const syllables = [
  'ka',
  'lo',
  'mi',
  'ren',
  'tu',
  'sa',
  'vel',
  'dor',
  'pen',
  'qi',
  'an',
  'ser',
  'til',
  'mon',
  'ex',
];

export interface SyntheticVocabulary {
  countries: string[];
  themes: string[];
  /** Ids of the bundled instruments, for references into the real graph. */
  bundledInstruments: string[];
  tailWords: string[];
}

export async function readVocabulary(random: () => number): Promise<SyntheticVocabulary> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const countries = (
    parse(await readFile(join(repositoryRoot, 'corpus/vocab/countries.yaml'), 'utf8')) as {
      countries: { code: string }[];
    }
  ).countries.map((country) => country.code);
  const themes = (
    parse(await readFile(join(repositoryRoot, 'corpus/vocab/themes.yaml'), 'utf8')) as { themes: { id: string }[] }
  ).themes.map((theme) => theme.id);
  const { readdir } = await import('node:fs/promises');
  const bundledInstruments: string[] = [];
  for (const folder of ['regional', ...countries.map((code) => `national/${code.toLowerCase()}`)]) {
    const files = await readdir(join(repositoryRoot, 'corpus', folder)).catch(() => [] as string[]);
    for (const file of files) {
      if (!file.endsWith('.md')) continue;
      const id = /^id:\s*(\S+)/m.exec(await readFile(join(repositoryRoot, 'corpus', folder, file), 'utf8'))?.[1];
      if (id) bundledInstruments.push(`instrument:${id}`);
    }
  }
  const tailWords = Array.from({ length: 20_000 }, () =>
    Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(syllables)).join(''),
  );
  return { countries, themes, bundledInstruments, tailWords };
}

export interface SyntheticCorpus {
  folder: string;
  instruments: string[];
  provisions: number;
}

/**
 * Copies the bundled corpus into a temporary folder and adds `instrumentCount` synthetic instruments
 * of `provisionsPerInstrument` articles each under national/<cc>/.
 */
export async function writeSyntheticCorpus(
  instrumentCount: number,
  provisionsPerInstrument: number,
  seed = 20240601,
): Promise<SyntheticCorpus> {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const vocabulary = await readVocabulary(random);
  const zipfWord = (): string =>
    vocabulary.tailWords[Math.floor(vocabulary.tailWords.length * random() ** 3)] as string;
  const passage = (): string => {
    const roll = random();
    if (roll < 0.08) return `${pick(chineseSentences)}。${pick(chineseSentences)}`;
    if (roll < 0.12) return `${pick(thaiSentences)} ${pick(thaiSentences)}`;
    const words: string[] = [];
    const length = 25 + Math.floor(random() * 60);
    for (let index = 0; index < length; index++) {
      const kind = random();
      words.push(kind < 0.25 ? pick(commonWords) : kind < 0.45 ? pick(legalWords) : zipfWord());
    }
    return `${words.join(' ')}.`;
  };

  const folder = await mkdtemp(join(tmpdir(), 'bench-corpus-'));
  await cp(join(repositoryRoot, 'corpus'), folder, { recursive: true });
  const instruments: string[] = [];
  for (const code of vocabulary.countries)
    await mkdir(join(folder, 'national', code.toLowerCase()), { recursive: true });
  const writes: Promise<void>[] = [];
  for (let index = 0; index < instrumentCount; index++) {
    const country = pick(vocabulary.countries);
    const year = 1995 + Math.floor(random() * 31);
    const id = `bench-${country.toLowerCase()}-${index}-${year}`;
    const references = [pick(vocabulary.bundledInstruments)];
    if (instruments.length > 0 && random() < 0.5) references.push(pick(instruments));
    const themes = [...new Set([pick(vocabulary.themes), pick(vocabulary.themes)])];
    const title = `${pick(legalWords)} ${pick(commonWords)} ${pick(['Law', 'Decree', 'Strategy', 'Act'])} ${year} No ${index}`;
    const body = Array.from(
      { length: provisionsPerInstrument },
      (_, article) => `Article ${article + 1}\n\n${passage()}\n`,
    ).join('\n');
    const file = `---
id: ${id}
kind: ${pick(instrumentKinds)}
title: ${title}
language: en
textMode: paraphrase
country: ${country}
status: in_force
date: ${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}
source: https://example.org/${id}
checked: 2026-01-01
summary: ${passage()}
themes: [${themes.join(', ')}]
references: [${references.join(', ')}]
---

${body}`;
    instruments.push(`instrument:${id}`);
    writes.push(writeFile(join(folder, 'national', country.toLowerCase(), `${id}.md`), file));
    if (writes.length >= 256) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  return { folder, instruments, provisions: instrumentCount * provisionsPerInstrument };
}

/** Two-word queries drawn like the words of the passages. */
export function searchWords(count: number, seed = 7): string[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const word = (): string => {
    const roll = random();
    if (roll < 0.35) return pick(commonWords);
    if (roll < 0.8) return pick(legalWords);
    return pick(unspacedQueryWords);
  };
  return Array.from({ length: count }, () => `${word()} ${word()}`);
}

export function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number;
}

export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
