/**
 * SEARCH_FALLBACK=embedded: the embedded index is kept beside Meilisearch and answers while Meilisearch
 * is unreachable, or holds documents older than the last reindex; the GraphQL response then says so
 * in `extensions.searchBackend`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Plugin } from 'graphql-yoga';
import { replaceNow, type StagedVersion } from '../../staged-version.js';
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

  /** Both indexes are staged; Meilisearch missing the reindex leaves it stale, answered for by the embedded index. */
  const stageAll: SearchIndex['stageAll'] = async (documents, options = {}) => {
    // The embedded index is quick to build: Meilisearch's progress is the one worth reporting.
    const spare = await fallback.stageAll(documents, { dataVersion: options.dataVersion });
    const missed = (error: SearchUnavailable) => {
      stale = `Meilisearch missed the last reindex (${error.reason})`;
      log(`${stale}; searches are answered from the embedded index until a reindex reaches it.`);
    };
    let main: StagedVersion | undefined;
    try {
      main = await primary.stageAll(documents, options);
    } catch (error) {
      if (!(error instanceof SearchUnavailable)) {
        await spare.discard();
        throw error;
      }
      missed(error);
    }
    return {
      activate: async () => {
        await spare.activate();
        if (!main) return;
        try {
          await main.activate();
          stale = undefined;
        } catch (error) {
          if (!(error instanceof SearchUnavailable)) throw error;
          missed(error);
        }
      },
      discard: async () => {
        await Promise.all([spare.discard(), main?.discard()]);
      },
    };
  };

  return {
    replaceAll: (documents, options) => replaceNow(stageAll(documents, options)),

    stageAll,

    dataVersion: () =>
      preferPrimary(
        () => primary.dataVersion(),
        () => fallback.dataVersion(),
      ),

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
