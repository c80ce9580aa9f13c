/** Typed failures of the Meilisearch adapter, so callers can tell an outage from a bug. */

/** Meilisearch could not be reached or did not answer in time; the GraphQL layer answers SERVICE_UNAVAILABLE. */
export class SearchUnavailable extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`search is unavailable: ${reason}`, options);
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
