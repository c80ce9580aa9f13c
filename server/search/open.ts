import { join } from 'node:path';
import type { Config } from '../config.js';
import { openSqliteSearchIndex } from './embedded/sqlite-search-index.js';
import { withEmbeddedFallback } from './meilisearch/fallback.js';
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
  });
  return config.SEARCH_FALLBACK === 'embedded' ? withEmbeddedFallback(meilisearch, embedded()) : meilisearch;
}
