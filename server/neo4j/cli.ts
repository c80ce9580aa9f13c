import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchNeo4j } from './launch.js';

const USAGE = `Runs Neo4j Community 5.26 locally for development (Bolt on 127.0.0.1, no auth).

Usage: npx tsx server/neo4j/cli.ts [--data DIR] [--port PORT]
  --data DIR   where the database lives (default ./data/neo4j; kept between runs)
  --port PORT  Bolt port on 127.0.0.1 (default 7687; 0 picks a free one)`;

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'data/neo4j' },
    port: { type: 'string', default: '7687' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, got '${values.port}'\n\n${USAGE}`);
  process.exit(2);
}
const dataDir = resolve(values.data);

try {
  const server = await launchNeo4j({
    dataDir,
    port,
    memory: 'server',
    log: (line) => {
      if (!line.startsWith('NEO4J_READY')) console.error(`[neo4j] ${line}`);
    },
  });
  console.log(`Neo4j is ready at ${server.uri} (data in ${dataDir}).`);
  console.log('Point the app at it with:');
  console.log(`  GRAPH_BACKEND=neo4j NEO4J_URI=${server.uri} npm start`);
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Neo4j…');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
