/** Loading the vocabularies: countries, the themes taxonomy and the gazetteer files. */
import { basename, dirname } from 'node:path';
import type { z } from 'zod';
import { ApproachesFile, CountriesFile, GazetteerFile, ThemesFile } from './corpus-schema.js';
import type { IssueLog } from './issues.js';
import { type CorpusFiles, displayPath, parseYaml, type ReadOptions, readText } from './read.js';

type Located<T> = T & { file: string; line: number };

export interface Vocabulary {
  countries: Located<z.infer<typeof CountriesFile>['countries'][number]>[];
  themes: Located<z.infer<typeof ThemesFile>['themes'][number]>[];
  people: Located<z.infer<typeof GazetteerFile>['people'][number]>[];
  organizations: Located<z.infer<typeof GazetteerFile>['organizations'][number]>[];
  events: Located<z.infer<typeof GazetteerFile>['events'][number]>[];
  approaches: Located<z.infer<typeof ApproachesFile>['approaches'][number] & { country: string }>[];
}

/** The logical name of a vocabulary file in provenance: "vocab/gazetteer/forums.yaml". */
export function vocabName(file: string): string {
  const folder = basename(dirname(file));
  return folder === 'vocab' ? `vocab/${basename(file)}` : `vocab/${folder}/${basename(file)}`;
}

type Item = Located<Record<string, unknown>>;

/** Reads and validates files of one schema; returns the items of each listed key with their lines. */
async function loadLists<K extends string>(
  files: string[],
  schema: z.ZodType,
  keys: K[],
  options: ReadOptions,
  log: IssueLog,
): Promise<Record<K, Item[]>> {
  const lists = Object.fromEntries(keys.map((key) => [key, [] as Item[]])) as Record<K, Item[]>;
  for (const file of files) {
    const text = await readText(file, options, log);
    if (text === undefined) continue;
    const parsed = parseYaml(text, schema, file, log);
    if (!parsed) continue;
    const lines = text.split('\n');
    for (const key of keys) {
      const list = ((parsed.value as Record<string, unknown>)[key] ?? []) as Record<string, unknown>[];
      // An item's line is where its id first appears after the previous item: enough to point a curator at it.
      let searchFrom = 0;
      for (const item of list) {
        const marker = String(item.id ?? item.code ?? '');
        const index = lines.findIndex((line, lineIndex) => lineIndex >= searchFrom && line.includes(marker));
        if (index >= 0) searchFrom = index + 1;
        lists[key].push({ ...item, file: displayPath(file), line: index >= 0 ? index + 1 : 1 });
      }
    }
  }
  return lists;
}

export async function loadVocabulary(files: CorpusFiles, options: ReadOptions, log: IssueLog): Promise<Vocabulary> {
  if (files.countries.length === 0) {
    log.error({
      file: 'corpus/vocab/countries.yaml',
      message: 'no countries vocabulary found',
      hint: 'ingest a folder that contains vocab/countries.yaml (the bundled corpus/ does)',
    });
  }
  if (files.themes.length === 0) {
    log.error({
      file: 'corpus/vocab/themes.yaml',
      message: 'no themes taxonomy found',
      hint: 'ingest a folder that contains vocab/themes.yaml (the bundled corpus/ does)',
    });
  }
  const { countries } = await loadLists(files.countries, CountriesFile, ['countries'], options, log);
  const { themes } = await loadLists(files.themes, ThemesFile, ['themes'], options, log);
  const gazetteer = await loadLists(
    files.gazetteers,
    GazetteerFile,
    ['people', 'organizations', 'events'],
    options,
    log,
  );
  const approaches: Item[] = [];
  for (const file of files.approaches) {
    const text = await readText(file, options, log);
    if (text === undefined) continue;
    const parsed = parseYaml(text, ApproachesFile, file, log);
    if (!parsed) continue;
    const lines = text.split('\n');
    for (const approach of parsed.value.approaches) {
      const index = lines.findIndex((line) => new RegExp(`theme:\\s*${approach.theme}\\b`).test(line));
      approaches.push({ ...approach, country: parsed.value.country, file: displayPath(file), line: index + 1 || 1 });
    }
  }
  return { countries, themes, ...gazetteer, approaches } as unknown as Vocabulary;
}
