import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ThemesFile } from '../../ingest/corpus-schema.js';
import type { Config } from '../config.js';
import { openSqliteSearchIndex } from './embedded/sqlite-search-index.js';
import { withEmbeddedFallback } from './meilisearch/fallback.js';
import { themeSynonyms } from './meilisearch/mapping.js';
import { openMeiliSearchIndex } from './meilisearch/meilisearch-search-index.js';
import type { SearchIndex } from './search-index.js';

/** The SearchIndex that SEARCH_BACKEND names, with the embedded one behind it when SEARCH_FALLBACK=embedded. */
export async function openSearchIndex(config: Config): Promise<SearchIndex> {
  const embedded = () => openSqliteSearchIndex({ path: join(config.DATA_DIR, 'search.sqlite') });
  if (config.SEARCH_BACKEND === 'embedded') return embedded();
  if (!config.MEILI_URL) throw new Error('SEARCH_BACKEND=meilisearch needs MEILI_URL');
  const meilisearch = openMeiliSearchIndex({
    url: config.MEILI_URL,
    ...(config.MEILI_KEY ? { apiKey: config.MEILI_KEY } : {}),
    indexName: config.MEILI_INDEX,
    requestTimeoutMs: config.MEILI_TIMEOUT_MS,
    synonyms: await corpusThemeSynonyms(config.CORPUS_DIR),
  });
  return config.SEARCH_FALLBACK === 'embedded' ? withEmbeddedFallback(meilisearch, embedded()) : meilisearch;
}

/** Synonyms from the corpus's themes taxonomy; none when it is missing or invalid, which ingest reports itself. */
async function corpusThemeSynonyms(corpusDir: string): Promise<Record<string, string[]>> {
  try {
    const file = ThemesFile.safeParse(parse(await readFile(join(corpusDir, 'vocab/themes.yaml'), 'utf8')));
    return file.success ? themeSynonyms(file.data.themes) : {};
  } catch {
    return {};
  }
}
