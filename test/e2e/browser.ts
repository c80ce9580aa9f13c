/** A real headless Chromium (Debian's) driven by playwright-core, the real server, and what a flow leaves behind. */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { corpusWithSeed, type RunningServer, repositoryRoot, startServer } from '../helpers/server.js';

export const chromiumPath = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(chromiumPath);
export const artifacts = join(repositoryRoot, 'test-artifacts');

if (!chromiumAvailable)
  console.warn(
    `Skipping the browser tests: ${chromiumPath} is missing (apt-get install -y chromium, as .ci/run does).`,
  );

export interface Session {
  server: RunningServer;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startSession(): Promise<Session> {
  const server = await startServer({ CORPUS_DIR: await corpusWithSeed() });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  await mkdir(artifacts, { recursive: true });
  return {
    server,
    browser,
    async stop() {
      await browser.close();
      await server.stop();
    },
  };
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  problems: string[];
}

/** `locale` is the browser's language (navigator.languages), as a reader's browser would send it. */
export async function openPage(session: Session, width = 1280, locale = 'en-US'): Promise<OpenPage> {
  const context = await session.browser.newContext({
    viewport: { width, height: 900 },
    locale,
    baseURL: session.server.url,
    acceptDownloads: true,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.url });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return { context, page, problems };
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false });
