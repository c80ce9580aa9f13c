/** Typed failures of the Meilisearch adapter, so callers can tell an outage from a bug. */
import { GraphQLError } from 'graphql';

/**
 * Meilisearch could not be reached or did not answer in time. A GraphQLError with code
 * SERVICE_UNAVAILABLE, as the graph store's outage error is, so the API passes it through unmasked
 * and clients know to retry.
 */
export class SearchUnavailable extends GraphQLError {
  constructor(readonly reason: string) {
    // No originalError: Yoga masks a GraphQLError that wraps a non-GraphQL error, and `reason` carries the cause.
    super(`search is unavailable: ${reason}`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    this.name = 'SearchUnavailable';
  }
}

/** Meilisearch refused a batch of documents; `documentIds` are the node ids of that batch. */
export class IndexingFailed extends Error {
  constructor(
    readonly documentIds: string[],
    readonly reason: string,
  ) {
    const shown = documentIds.slice(0, 5).join(', ');
    const more = documentIds.length > 5 ? ` and ${documentIds.length - 5} more` : '';
    super(`Meilisearch failed to index documents ${shown}${more}: ${reason}`);
    this.name = 'IndexingFailed';
  }
}
