/**
 * One Meilisearch for the whole run, shared by every test file (each in indexes of its own): started from the
 * release in ../shared/tools/meilisearch/ when that folder is beside the repository, otherwise the server
 * MEILI_URL (and MEILI_KEY) name. The workers read MEILI_URL and MEILI_KEY from the environment; without
 * either, one line says that the Meilisearch suites are skipped and why. The fault tests launch their own.
 */
import { type LaunchedMeilisearch, launchMeilisearch, meilisearchSource } from '../helpers/meilisearch.js';

let launched: LaunchedMeilisearch | undefined;

export async function setup(): Promise<void> {
  const source = meilisearchSource();
  if (source.kind === 'none') {
    console.warn(`Meilisearch suites skipped: ${source.why}.`);
    return;
  }
  if (source.kind === 'environment') {
    console.log(`Meilisearch for the test run: ${source.url} (MEILI_URL)`);
    return;
  }
  const started = Date.now();
  launched = await launchMeilisearch();
  process.env.MEILI_URL = launched.url;
  process.env.MEILI_KEY = launched.key;
  console.log(`Meilisearch for the test run at ${launched.url} (started in ${Date.now() - started} ms)`);
}

export async function teardown(): Promise<void> {
  await launched?.stop();
}
