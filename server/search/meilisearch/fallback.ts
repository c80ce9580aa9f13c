/**
 * SEARCH_FALLBACK=embedded: the embedded index is kept beside Meilisearch and answers while Meilisearch
 * is unreachable, or holds documents older than the last reindex; the GraphQL response then says so
 * in `extensions.searchBackend`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Plugin } from 'graphql-yoga';
import type { Readiness, SearchIndex } from '../search-index.js';
import { SearchUnavailable } from './errors.js';

export const fallbackBackendName = 'embedded-fallback';

/** Per GraphQL execution: whether any search in it was answered by the fallback. */
const executionScope = new AsyncLocalStorage<{ fellBack: boolean }>();

function noteFallback(): void {
  const scope = executionScope.getStore();
  if (scope) scope.fellBack = true;
}

export function withEmbeddedFallback(
  primary: SearchIndex,
  fallback: SearchIndex,
  log: (message: string) => void = (message) => console.warn(message),
): SearchIndex {
  /** Why Meilisearch missed the last reindex; until one succeeds its documents are out of date. */
  let stale: string | undefined;

  const fromFallback = async <T>(reason: string, answer: () => Promise<T>): Promise<T> => {
    noteFallback();
    log(`Search answered from the embedded index: ${reason}`);
    return answer();
  };

  const preferPrimary = async <T>(primaryAnswer: () => Promise<T>, fallbackAnswer: () => Promise<T>): Promise<T> => {
    if (stale) return fromFallback(stale, fallbackAnswer);
    try {
      return await primaryAnswer();
    } catch (error) {
      if (!(error instanceof SearchUnavailable)) throw error;
      return fromFallback(error.reason, fallbackAnswer);
    }
  };

  return {
    async replaceAll(documents, progress) {
      await fallback.replaceAll(documents);
      try {
        await primary.replaceAll(documents, progress);
        stale = undefined;
      } catch (error) {
        if (!(error instanceof SearchUnavailable)) throw error;
        stale = `Meilisearch missed the last reindex (${error.reason})`;
        log(`${stale}; searches are answered from the embedded index until a reindex reaches it.`);
      }
    },

    search: (query) =>
      preferPrimary(
        () => primary.search(query),
        () => fallback.search(query),
      ),

    count: () =>
      preferPrimary(
        () => primary.count(),
        () => fallback.count(),
      ),

    async readiness(): Promise<Readiness> {
      const [main, spare] = await Promise.all([primary.readiness(), fallback.readiness()]);
      const problem = main.ready ? stale : main.reason;
      if (!problem) return main;
      return { ready: spare.ready, reason: `${problem}; answering from the embedded index` };
    },

    async close() {
      await Promise.all([primary.close(), fallback.close()]);
    },
  };
}

/** Adds `extensions.searchBackend: "embedded-fallback"` to responses a fallback search contributed to. */
export function searchFallbackPlugin(): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      const scope = { fellBack: false };
      setExecuteFn((args) => executionScope.run(scope, () => executeFn(args)));
      return {
        onExecuteDone({ result, setResult }) {
          if (!scope.fellBack || Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, searchBackend: fallbackBackendName } });
        },
      };
    },
  };
}
