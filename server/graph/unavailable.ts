/**
 * The graph store could not be reached. A GraphQLError so that the API passes it through (other errors are
 * masked) with the code clients can retry on; DataManager also recognises it at start-up and keeps retrying.
 */
import { GraphQLError } from 'graphql';

export class GraphStoreUnavailable extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    this.name = 'GraphStoreUnavailable';
  }
}

export function isGraphStoreUnavailable(error: unknown): error is GraphStoreUnavailable {
  return error instanceof GraphQLError && error.extensions.code === 'SERVICE_UNAVAILABLE';
}
