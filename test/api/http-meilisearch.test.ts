/** The HTTP API suite again, with SEARCH_BACKEND=meilisearch on the run's Meilisearch. */
import {
  deleteIndex,
  MEILISEARCH_START_MS,
  meilisearchEnvironment,
  meilisearchUnavailable,
} from '../helpers/meilisearch.js';
import { describeHttpApi } from './http-suite.js';

const environment = meilisearchEnvironment('http_api');
const unavailable = meilisearchUnavailable();

describeHttpApi('Meilisearch', {
  start: async () => environment ?? {},
  stop: async () => {
    if (environment) await deleteIndex(environment);
  },
  startTimeoutMs: MEILISEARCH_START_MS + 90_000,
  ...(unavailable ? { unavailable } : {}),
});
