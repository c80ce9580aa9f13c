/**
 * One Neo4j for the whole run, unless NEO4J_URI names one already: every Neo4j test file shares it
 * (each on a graph of its own), instead of paying a JVM start per file. The fault tests start their own.
 */
import { type LaunchedNeo4j, launchNeo4j } from '../../server/neo4j/launch.js';

let launched: LaunchedNeo4j | undefined;

export async function setup(): Promise<void> {
  if (process.env.NEO4J_URI) return;
  const started = Date.now();
  launched = await launchNeo4j();
  process.env.NEO4J_URI = launched.uri;
  console.log(`Neo4j for the test run at ${launched.uri} (started in ${Date.now() - started} ms)`);
}

export async function teardown(): Promise<void> {
  await launched?.stop();
}
