/**
 * Two-step replacement shared by the GraphStore and SearchIndex ports: a store loads a new version of its
 * data beside the one readers see, and switches to it in one short step. DataManager prepares the graph and
 * the search index this way, then switches both while no request is reading (server/data.ts), so that every
 * response is computed from one version of both.
 */
export interface StagedVersion {
  /** Makes the staged data the data readers see, in one step; the previous version is retired. */
  activate(): Promise<void>;
  /** Drops the staged data; readers go on seeing the current version. */
  discard(): Promise<void>;
}

/** What a store's replace-everything call does: stage, then activate at once (for loads nobody reads during). */
export async function replaceNow(staged: Promise<StagedVersion>): Promise<void> {
  await (await staged).activate();
}
