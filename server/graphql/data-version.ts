/** `extensions.dataVersion` on every GraphQL response: which data version of the stores answered it. */
import type { Plugin } from 'graphql-yoga';
import type { DataSnapshot } from '../data.js';

/** What app.ts hands yoga with each request: the data version the request holds from its start to its end. */
export interface RequestSnapshot {
  snapshot: DataSnapshot;
}

export function dataVersionPlugin(): Plugin<Record<string, unknown>, RequestSnapshot> {
  return {
    onResultProcess({ result, setResult, serverContext }) {
      const { dataVersion } = serverContext.snapshot;
      if (dataVersion === undefined || Symbol.asyncIterator in result) return;
      const stamp = <T extends { extensions?: Record<string, unknown> }>(one: T): T => ({
        ...one,
        extensions: { ...one.extensions, dataVersion },
      });
      setResult(Array.isArray(result) ? result.map(stamp) : stamp(result));
    },
  };
}
