import { join } from 'node:path';
import type { Config } from '../config.js';
import { openSqliteSearchIndex } from './embedded/sqlite-search-index.js';
import type { SearchIndex } from './search-index.js';

/** The SearchIndex that SEARCH_BACKEND names. */
export async function openSearchIndex(config: Config): Promise<SearchIndex> {
  if (config.SEARCH_BACKEND !== 'embedded') {
    throw new Error(`SEARCH_BACKEND=${config.SEARCH_BACKEND} is not available in this build; use embedded`);
  }
  return openSqliteSearchIndex({ path: join(config.DATA_DIR, 'search.sqlite') });
}
