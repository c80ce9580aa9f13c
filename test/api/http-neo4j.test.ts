/** The HTTP API suite again, with GRAPH_BACKEND=neo4j. */
import { NEO4J_START_MS, neo4jServerEnvironment, type TestNeo4j, testNeo4j } from '../helpers/neo4j.js';
import { describeHttpApi } from './http-suite.js';

let neo4j: TestNeo4j | undefined;

describeHttpApi('Neo4j', {
  async start() {
    neo4j = await testNeo4j();
    return neo4jServerEnvironment(neo4j);
  },
  stop: async () => neo4j?.stop(),
  startTimeoutMs: NEO4J_START_MS + 90_000,
});
