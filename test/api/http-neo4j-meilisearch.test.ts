/** The HTTP API suite once more as docker-compose.yml deploys it: GRAPH_BACKEND=neo4j, SEARCH_BACKEND=meilisearch. */
import { deleteIndex, meilisearchEnvironment, meilisearchUnavailable } from '../helpers/meilisearch.js';
import { NEO4J_START_MS, neo4jServerEnvironment, type TestNeo4j, testNeo4j } from '../helpers/neo4j.js';
import { describeHttpApi } from './http-suite.js';

const meilisearch = meilisearchEnvironment('http_api_neo4j');
const unavailable = meilisearchUnavailable();
let neo4j: TestNeo4j | undefined;

describeHttpApi('Neo4j and Meilisearch', {
  async start() {
    neo4j = await testNeo4j();
    return { ...meilisearch, ...neo4jServerEnvironment(neo4j) };
  },
  async stop() {
    await neo4j?.stop();
    if (meilisearch) await deleteIndex(meilisearch);
  },
  startTimeoutMs: NEO4J_START_MS + 90_000,
  ...(unavailable ? { unavailable } : {}),
});
