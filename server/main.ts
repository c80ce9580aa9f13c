/** `npm start`: validate the configuration, prepare the data, serve; drain and exit on SIGTERM. */
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DataManager, openStores } from './data.js';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const stores = await openStores(config);
  const data = new DataManager(config, stores);
  await data.prepare();
  const app = createApp(config, data);
  const port = await app.listen();
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  console.log(
    `Ready in ${Date.now() - started} ms: http://${host}:${port}/graphql (GraphiQL in a browser), /healthz, /readyz`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    await app.drain();
    await Promise.all([stores.graph.close(), stores.search.close()]);
    console.log('Stopped cleanly.');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: Error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`Could not start: ${error.message}`);
  process.exit(1);
});
