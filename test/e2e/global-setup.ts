/** Builds web/dist once before the browser tests, when it is missing or older than web/src. */
import { ensureWebBuilt } from '../../web/scripts/ensure-built.js';

export default async function setup(): Promise<void> {
  await ensureWebBuilt();
}
