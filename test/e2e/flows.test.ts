/**
 * The web explorer as its users meet it, in a real headless Chromium against the real server and the
 * production build: a diplomat citing a provision, a student exporting a comparison, a researcher tracing a
 * connection, and what anyone sees when the API is down.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAvailable } from '../helpers/server.js';
import { chromiumAvailable, openPage, type Session, screenshot, startSession } from './browser.js';

let session: Session;
const searchLabel = 'Search laws, agreements, provisions and speeches';

describe.skipIf(!chromiumAvailable)('the web explorer in Chromium', () => {
  beforeAll(async () => {
    session = await startSession();
  }, 120_000);
  afterAll(async () => {
    await session?.stop();
  });

  it('a diplomat searches "data localization", filters to Vietnam, opens the provision and copies its citation', async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/');
    await page.getByLabel(searchLabel).fill('data localization');
    await page.getByText(/\d+ results? for/).waitFor();
    expect(await page.locator('.hit mark').count()).toBeGreaterThan(0);
    // Every instrument shows its status at a glance.
    expect(await page.locator('.hit .badge.status').count()).toBeGreaterThan(0);

    const unfiltered = (await page.locator('.results[aria-busy="false"] .summary').textContent()) ?? '';
    await page.getByRole('checkbox', { name: 'Vietnam' }).check();
    await page.waitForURL(/country=VN/);
    await page.getByRole('button', { name: /Remove filter VN/ }).waitFor();
    // The hits are read once the filtered answer is on screen, not while the unfiltered one still is.
    await page.locator('.results[aria-busy="false"] .summary').filter({ hasNotText: unfiltered }).waitFor();
    // A regional agreement names the country filtered on among its many parties; a theme has no country.
    const countries = await page
      .locator('.hit-meta')
      .filter({ hasNot: page.locator('.badge.kind-Theme') })
      .allTextContents();
    expect(countries.length).toBeGreaterThan(0);
    for (const meta of countries) expect(meta).toContain('Vietnam');

    // The search state survives a reload: it lives in the URL.
    await page.reload();
    expect(await page.getByRole('checkbox', { name: 'Vietnam' }).isChecked()).toBe(true);
    expect(await page.getByLabel(searchLabel).inputValue()).toBe('data localization');

    await page.getByRole('link', { name: /Law on Cybersecurity of Viet Nam \(Vietnamese text/ }).click();
    await page.getByRole('heading', { level: 1, name: /Law on Cybersecurity of Viet Nam/ }).waitFor();
    const provision = page.locator('section.provision#art-26');
    await provision.getByRole('link', { name: /Link to/ }).click();
    await page.waitForURL(/#art-26$/);
    await expect.poll(() => provision.evaluate((element) => element.classList.contains('targeted'))).toBe(true);

    await provision.getByRole('button', { name: /^Cite/ }).click();
    await provision.getByText('Citation copied').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('Law on Cybersecurity of Viet Nam');
    expect(copied).toContain('Điều 26');
    expect(copied).toMatch(/Source: https?:\/\/\S+ \(checked \d{4}-\d{2}-\d{2}\)/);
    await screenshot(page, 'diplomat-provision-cited');

    // A shared link to the provision lands on it, also on a phone.
    const phone = await openPage(session, 375);
    await phone.page.goto(`${new URL(page.url()).pathname}#art-26`);
    const target = phone.page.locator('section.provision#art-26');
    await expect.poll(() => target.evaluate((element) => element.classList.contains('targeted'))).toBe(true);
    await expect.poll(() => target.evaluate((element) => element.getBoundingClientRect().top)).toBeLessThan(400);
    await screenshot(phone.page, 'diplomat-provision-375px');
    expect([...problems, ...phone.problems]).toEqual([]);
    await phone.context.close();
    await context.close();
  });

  it('a student compares China, Singapore and Vietnam on three themes and exports exactly that as CSV', async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/compare');
    for (const country of ['China', 'Singapore', 'Vietnam'])
      await page.getByRole('checkbox', { name: country }).check();
    const themes = ['Personal data protection', 'Cybercrime', 'Data localisation'];
    for (const theme of themes) await page.getByRole('checkbox', { name: theme, exact: true }).check();
    await page.waitForURL(/countries=CN%2CSG%2CVN|countries=CN,SG,VN/);
    const matrix = page.locator('table.matrix');
    // The matrix of the first themes may still be on screen until the answer for all three arrives.
    await expect.poll(() => matrix.locator('tbody tr').count()).toBe(3);
    expect(await matrix.locator('thead th').allTextContents()).toEqual(['Theme', 'China', 'Singapore', 'Vietnam']);

    // A cell expands to the provision's text.
    const firstProvision = matrix.locator('.cell-items details').first();
    await firstProvision.locator('summary').click();
    expect((await firstProvision.locator('.provision-text').textContent())?.length).toBeGreaterThan(20);
    await screenshot(page, 'student-compare');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = parseCsv(await readFile((await download.path()) ?? '', 'utf8'));
    const [header, ...rows] = csv;
    expect(header?.slice(0, 6)).toEqual(['Theme', 'Country', 'Status', 'Earliest', 'Item', 'Label']);
    const combinations = new Set(rows.map((row) => `${row[0]}|${row[1]}`));
    expect(combinations.size).toBe(9);
    expect(new Set(rows.map((row) => row[1]))).toEqual(new Set(['China', 'Singapore', 'Vietnam']));
    expect(new Set(rows.map((row) => row[0]))).toEqual(new Set(themes));
    // One row per provision listed on screen, with the same labels.
    const shownProvisions = await matrix.locator('.cell-items details summary').count();
    expect(rows.filter((row) => row[4] === 'provision')).toHaveLength(shownProvisions);
    for (const row of rows.filter((candidate) => candidate[4] === 'provision')) {
      expect(row[8]?.length).toBeGreaterThan(0);
      expect(row[7]).toMatch(/\/instrument\/.+#/);
    }

    // The URL is the shareable state: opening it shows the same matrix.
    const shared = await openPage(session);
    await shared.page.goto(page.url());
    await shared.page.locator('table.matrix').waitFor();
    expect(await shared.page.locator('.cell-items details summary').count()).toBe(shownProvisions);
    expect([...problems, ...shared.problems]).toEqual([]);
    await shared.context.close();
    await context.close();
  });

  it('a student reads China’s cybercrime cell: the judgement, the curated summary, every instrument, the key provisions', async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/compare?countries=CN,SG,VN&themes=theme:cybercrime,theme:data-localisation');
    const cell = page.locator('td[data-country="CN"][data-theme="theme:cybercrime"]');
    await cell.locator('.cell-approach').waitFor();
    // In order: the judgement (then in a few words), the summary with its sources and text mode, the instruments,
    // the key provisions.
    expect(await cell.locator('.cell-status').textContent()).toMatch(/^Has an instrument/);
    const judgementInFewWords = await cell.locator('.cell-status + .cell-label').textContent();
    expect(judgementInFewWords).toBe('Criminal Law, intermediaries criminally liable');
    const approach = cell.locator('.cell-approach');
    expect(await approach.textContent()).toContain(
      'Cybercrime sits in the Criminal Law rather than a separate statute',
    );
    expect(await approach.locator('.badge.mode-paraphrase').count()).toBe(1);
    expect(await approach.locator('a.source').allTextContents()).toContain('www.chinalawtranslate.com');
    const instruments = cell.locator('.cell-instruments li');
    expect(await instruments.first().textContent()).toMatch(
      /Amendment \(IX\) to the Criminal Law of the People's Republic of China.*In force.*29 Aug 2015/,
    );
    expect(await cell.locator('.cell-heading').allTextContents()).toEqual(['Instruments', 'Key provisions']);
    const provision = cell.getByRole('link', { name: 'Open Criminal Law Article 286-1' });
    expect(await provision.getAttribute('href')).toBe(
      '/instrument/cn-criminal-law-amendment-ix-2015#s-criminal-law-article-286-1',
    );
    // Whole instruments are never dropped for a tagged provision elsewhere.
    expect((await page.locator('td[data-country="VN"][data-theme="theme:cybercrime"]').textContent()) ?? '').toContain(
      'Penal Code',
    );
    expect((await page.locator('td[data-country="SG"][data-theme="theme:cybercrime"]').textContent()) ?? '').toContain(
      'Online Criminal Harms Act 2023',
    );
    // A sub-theme has its own judgement, never an empty cell: Singapore is only party to RCEP here.
    const localisation = page.locator('td[data-country="SG"][data-theme="theme:data-localisation"]');
    expect(await localisation.locator('.cell-status').textContent()).toMatch(/^No dedicated instrument/);
    expect(await localisation.locator('.cell-heading').first().textContent()).toBe('Related instruments');
    await screenshot(page, 'student-compare-cybercrime-cell');

    // The JSON export holds exactly what the cells show, the summary first.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const { rows } = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as {
      rows: {
        theme: string;
        country: string;
        item: string;
        label: string;
        text: string;
        sources: string;
        judgementLabel: string;
      }[];
    };
    const china = rows.filter((row) => row.country === 'China' && row.theme === 'Cybercrime');
    expect(china[0]?.item).toBe('approach');
    expect(china[0]?.text).toContain('Cybercrime sits in the Criminal Law');
    expect(china[0]?.sources).toContain('https://www.chinalawtranslate.com/web-gets-stickier/');
    expect(new Set(china.map((row) => row.judgementLabel))).toEqual(new Set([judgementInFewWords]));
    expect(china.filter((row) => row.item === 'instrument').map((row) => row.label)).toEqual(
      await cell.locator('.cell-instruments li a').allTextContents(),
    );
    expect(china.filter((row) => row.item === 'provision')).toHaveLength(
      await cell.locator('.cell-provisions li').count(),
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a student starts from the overview heatmap, opens sub-themes, downloads it and follows a cell into the comparison', async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/');
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    const table = page.getByRole('table', { name: /Judgement of each country on each theme/ });
    await table.waitFor();
    expect(await table.locator('thead th[scope=col]').count()).toBe(12);
    const topLevelRows = await table.locator('tbody tr').count();
    expect(topLevelRows).toBeGreaterThanOrEqual(8);
    // Colour is never alone: the legend and each cell say the judgement with a symbol and in words.
    await page.getByRole('list', { name: 'Legend' }).getByText('Draft only').waitFor();
    const cambodiaDraft = table.locator('td[data-country=KH] a.heat-draft_only').first();
    expect(await cambodiaDraft.textContent()).toContain('◐');
    expect(await cambodiaDraft.textContent()).toContain('Draft only');
    await screenshot(page, 'overview-heatmap');
    // A count never contradicts the judgement: what Brunei lists on strategy is related, none of it a strategy;
    // Indonesia's connectivity instrument is judged from the curated approach but not held in the corpus.
    const bruneiStrategy = table.locator('td[data-country=BN][data-theme="theme:cyber-strategy"] a');
    expect(await bruneiStrategy.textContent()).toMatch(/^○ \(\d+\).*No dedicated instrument/);
    const indonesiaConnectivity = table.locator('td[data-country=ID][data-theme="theme:digital-infrastructure"] a');
    expect(await indonesiaConnectivity.textContent()).toContain('Has an instrument, not held here');

    await page.getByRole('checkbox', { name: 'Show sub-themes' }).check();
    await page.waitForURL(/sub=1/);
    await expect.poll(() => table.locator('tbody tr.sub-theme').count()).toBeGreaterThan(0);
    const allRows = await table.locator('tbody tr').count();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(1 + allRows * 11);

    await table.locator('td[data-country=CN][data-theme="theme:cybercrime"] a').click();
    await page.waitForURL(/\/compare\?countries=CN&themes=theme%3Acybercrime/);
    const cell = page.locator('td[data-country=CN][data-theme="theme:cybercrime"]');
    await cell.getByText(/Cybercrime sits in the Criminal Law/).waitFor();

    const phone = await openPage(session, 375);
    await phone.page.goto('/overview');
    await phone.page.getByRole('table', { name: /Judgement of each country/ }).waitFor();
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBe(0);
    await screenshot(phone.page, 'overview-375px');
    expect([...problems, ...phone.problems]).toEqual([]);
    await phone.context.close();
    await context.close();
  });

  it('the timeline loads to its newest entry, filters by checkbox from the keyboard, and fits a 375 px phone', async () => {
    const { data } = await session.server.graphql('{ timeline(first: 500) { total entries { date node { label } } } }');
    const all = (data as { timeline: { total: number; entries: { date: string; node: { label: string } }[] } })
      .timeline;
    expect(all.total).toBeGreaterThan(100);
    const newest = all.entries.at(-1);

    const { page, problems, context } = await openPage(session);
    await page.goto('/timeline');
    await page.getByText(`The first 100 of ${all.total} entries`).waitFor();
    await page.getByRole('button', { name: /^Load 100 more$|^Load \d+ more$/ }).click();
    await expect.poll(() => page.locator('.years .plain-list > li').count()).toBe(Math.min(200, all.total));
    if (all.total > 200) await page.getByRole('button', { name: /^Load all/ }).click();
    await page.getByText(`All ${all.total} entries`).waitFor();
    expect(await page.getByRole('button', { name: /^Load/ }).count()).toBe(0);
    const last = page.locator('.years .plain-list > li').last();
    expect(await last.locator('.date').getAttribute('datetime')).toBe(newest?.date);
    expect(await last.getByRole('link').textContent()).toBe(newest?.node.label);
    await last.scrollIntoViewIfNeeded();
    await screenshot(page, 'timeline-newest-entry');

    // A filter is a checkbox: Tab to it and press Space, no Ctrl-click.
    const vietnam = page.getByRole('checkbox', { name: 'Vietnam' });
    await vietnam.focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/countries=VN/);
    await page.getByText(/^(All \d+ entries|The first \d+ of \d+ entries)/).waitFor();
    expect(await vietnam.isChecked()).toBe(true);

    const phone = await openPage(session, 375);
    await phone.page.goto('/timeline');
    await phone.page.getByText(`The first 100 of ${all.total} entries`).waitFor();
    const overflow = () =>
      phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    // Loading more, a thumb's way (a button), until every entry is on the page.
    while (!(await phone.page.getByText(`All ${all.total} entries`).isVisible())) {
      await phone.page.getByRole('button', { name: /^Load \d+ more$/ }).click();
      await phone.page.getByRole('button', { name: 'Loading…' }).waitFor({ state: 'detached' });
    }
    expect(await overflow()).toBe(0);
    await phone.page.getByRole('checkbox', { name: 'China' }).check();
    await phone.page.waitForURL(/countries=CN/);
    await phone.page.locator('.years').waitFor();
    expect(await overflow()).toBe(0);
    await screenshot(phone.page, 'timeline-375px');
    expect([...problems, ...phone.problems]).toEqual([]);
    await phone.context.close();
    await context.close();
  });

  it.skipIf(!seedAvailable)(
    'a researcher finds the connections from Lu Wei to the Treaty of Amity and Cooperation in the graph',
    async () => {
      const { page, problems, context } = await openPage(session);
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.url());
      });
      await page.goto('/');
      await page.getByLabel(searchLabel).waitFor();
      expect(scripts.some((url) => url.includes('GraphPage'))).toBe(false);

      await page.getByRole('link', { name: 'Graph', exact: true }).click();
      await page.getByRole('heading', { name: 'Graph explorer' }).waitFor();
      expect(scripts.some((url) => url.includes('GraphPage'))).toBe(true);

      await page.getByRole('combobox', { name: 'Connect from' }).fill('Lu Wei');
      await page.getByRole('option', { name: /^\s*Lu Wei Person/ }).click();
      await page.getByRole('combobox', { name: 'to', exact: true }).fill('Treaty of Amity');
      await page.getByRole('option', { name: /Treaty of Amity and Cooperation in Southeast Asia Instrument/ }).click();
      await page.getByRole('button', { name: 'Find connections' }).click();

      await page.waitForURL(/from=person%3Alu-wei.*to=instrument%3Atreaty-of-amity/);
      const path = page.locator('ol.path').first();
      await path.waitFor();
      const steps = await path.locator('li > button').allTextContents();
      expect(steps[0]?.trim()).toBe('Lu Wei');
      expect(steps.at(-1)?.trim()).toBe('Treaty of Amity and Cooperation in Southeast Asia');
      const drawn = Number(await page.locator('.graph-canvas').getAttribute('data-node-count'));
      expect(drawn).toBeGreaterThanOrEqual(steps.length);

      // Selecting a step shows its details in the side panel.
      await path.locator('li > button').first().click();
      await page.locator('.details').getByRole('heading', { name: 'Lu Wei' }).waitFor();
      await page.locator('.details').getByText('Cyberspace Administration of China').waitFor();
      await screenshot(page, 'researcher-connections');
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it('a researcher reads the graph: edge labels, a clicked relationship with its source, and a graph page that survives its code failing to load', async () => {
    const { page, problems, context } = await openPage(session);
    // The graph's code cannot be fetched at first (the server is down for it), then comes back.
    let blocked = true;
    await page.route(/GraphPage-.*\.js$/, (route) => (blocked ? route.abort() : route.continue()));
    await page.goto('/graph?from=person%3Alu-wei&to=country%3ACN');
    await page.getByRole('alert').getByText('Something went wrong').waitFor();
    // The rest of the app is still there: no blank page.
    await page.getByRole('link', { name: 'Search', exact: true }).waitFor();
    await screenshot(page, 'researcher-graph-code-unavailable');
    blocked = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { name: 'Graph explorer' }).waitFor();

    // The connections explain each step in words, with its source.
    const sentences = page.locator('.path-sentences li');
    await sentences.first().waitFor();
    expect(await sentences.allTextContents()).toContainEqual(
      expect.stringContaining('Lu Wei was Director (Minister) of Cyberspace Administration of China.'),
    );
    // At the default zoom no two visible labels overlap.
    const overlapping = await page.evaluate(() => {
      const canvas = document.querySelector('.graph-canvas') as HTMLElement & { _cyreg?: { cy?: unknown } };
      type Box = { x1: number; x2: number; y1: number; y2: number };
      const cy = canvas._cyreg?.cy as {
        nodes: () => {
          toArray: () => { hasClass: (c: string) => boolean; id: () => string; boundingBox: (o: object) => Box }[];
        };
      };
      const shown = cy
        .nodes()
        .toArray()
        .filter((node) => !node.hasClass('quiet'))
        .map((node) => ({
          id: node.id(),
          box: node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }),
        }));
      const pairs: string[] = [];
      for (const [index, a] of shown.entries())
        for (const b of shown.slice(index + 1))
          if (a.box.x1 < b.box.x2 && b.box.x1 < a.box.x2 && a.box.y1 < b.box.y2 && b.box.y1 < a.box.y2)
            pairs.push(`${a.id} / ${b.id}`);
      return { pairs, shown: shown.length };
    });
    expect(overlapping.pairs).toEqual([]);
    expect(overlapping.shown).toBeGreaterThan(1);

    // A clicked edge opens the relationship, with its source, in the side panel.
    const point = await page.evaluate(() => {
      const canvas = document.querySelector('.graph-canvas') as HTMLElement & { _cyreg?: { cy?: unknown } };
      const cy = canvas._cyreg?.cy as
        | {
            edges: () => {
              filter: (
                f: (e: { data: (k: string) => string }) => boolean,
              ) => { renderedMidpoint: () => { x: number; y: number } }[];
            };
          }
        | undefined;
      const edge = cy?.edges().filter((e) => e.data('type') === 'HELD_ROLE')[0];
      const box = canvas.getBoundingClientRect();
      const middle = edge?.renderedMidpoint();
      return middle ? { x: box.left + middle.x, y: box.top + middle.y } : null;
    });
    expect(point).not.toBeNull();
    await page.mouse.click(point?.x ?? 0, point?.y ?? 0);
    const relationship = page.getByRole('region', { name: 'Relationship' });
    await relationship.waitFor();
    // Another edge may cross this one's middle and take the click: any relationship opened must name its kind.
    expect(await relationship.textContent()).toMatch(/Relationship · (held a role at|is based in|took part in)/);
    expect(await relationship.getByRole('link').getAttribute('href')).toMatch(/^https?:\/\//);
    await screenshot(page, 'researcher-graph-edge');

    // Every node on screen is reachable and expandable from the keyboard, through the list of entities.
    const before = Number(await page.locator('.graph-canvas').getAttribute('data-node-count'));
    await page.locator('.node-list summary').focus();
    await page.keyboard.press('Enter');
    const expandCac = page.getByRole('button', { name: 'Show neighbours of Cyberspace Administration of China' });
    await expandCac.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => Number(await page.locator('.graph-canvas').getAttribute('data-node-count')))
      .toBeGreaterThan(before);
    expect(
      problems.filter(
        (problem) =>
          !problem.includes('Failed to fetch dynamically imported module') && !problem.includes('net::ERR_FAILED'),
      ),
    ).toEqual([]);
    await context.close();
  });

  it('a researcher finds no connection over the default kinds, is told which were followed, and widens them', async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/graph?from=theme%3Apersonal-data&to=country%3AVN');
    const panel = page.locator('section.paths');
    await panel.getByText('No connection within five steps').waitFor();
    expect(await panel.textContent()).toContain('Following: ');
    expect(await panel.textContent()).not.toContain('addresses');
    await panel.getByRole('button', { name: /Widen to every kind/ }).click();
    await page.locator('.path-sentences li').first().waitFor();
    expect(await page.locator('section.paths').textContent()).toContain('addresses');
    expect(await page.locator('.path-sentences').first().textContent()).toMatch(/addresses the theme/);
    await screenshot(page, 'researcher-connections-widened');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a diplomat asks about a country outside RCEP and is told which word no result has', async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/');
    await page.getByLabel(searchLabel).fill('RCEP e-commerce Kazakhstan');
    await page.getByText('No result has all your words; showing results without ‘Kazakhstan’').waitFor();
    const rcep = page.locator('.hit').filter({
      has: page.getByRole('link', { name: 'Regional Comprehensive Economic Partnership Agreement' }),
    });
    await rcep.waitFor();
    // Why it matched: its short title, and its status and dates.
    expect(await rcep.locator('.why mark').allTextContents()).toContain('RCEP');
    expect(await rcep.locator('.hit-meta').textContent()).toMatch(/15 Nov 2020.*In force/);
    await screenshot(page, 'diplomat-left-out-word');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a journalist types 鲁炜 and finds Lu Wei as a person, matched by his name in Chinese', async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/');
    await page.getByLabel(searchLabel).fill('鲁炜');
    const person = page.locator('.hit').filter({ has: page.getByRole('link', { name: 'Lu Wei', exact: true }) });
    await person.waitFor();
    expect(await person.locator('.badge').first().textContent()).toBe('Person');
    expect(await person.locator('.why').textContent()).toContain('also known as');
    expect(await person.locator('.why mark').allTextContents()).toContain('鲁炜');

    expect(problems).toEqual([]);
    await context.close();
  });

  it("a researcher opens Lu Wei's page from a search for 鲁炜: his role at the CAC and a quote, each with its source", async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/');
    await page.getByLabel(searchLabel).fill('鲁炜');
    const person = page.locator('.hit').filter({ has: page.getByRole('link', { name: 'Lu Wei', exact: true }) });
    await person.getByRole('link', { name: 'Lu Wei', exact: true }).click();
    await page.waitForURL(/\/person\/lu-wei$/);
    await page.getByRole('heading', { level: 1, name: 'Lu Wei' }).waitFor();
    expect(await page.getByRole('list', { name: 'Names in every script' }).textContent()).toContain('鲁炜');

    const roles = page.locator('section[aria-labelledby="roles-heading"] li');
    const cac = roles.filter({ has: page.getByRole('link', { name: 'Cyberspace Administration of China' }) });
    expect(await cac.textContent()).toMatch(/Director \(Minister\) at Cyberspace Administration of China/);
    expect(await cac.locator('a.source').getAttribute('href')).toMatch(/^https?:\/\//);

    const quote = page.locator('blockquote.quote').filter({ hasText: 'information services' }).first();
    await quote.waitFor();
    expect(await quote.locator('a.source').getAttribute('href')).toMatch(/^https?:\/\//);
    // The quote links on to its document, and the organization to its own page.
    await quote.getByRole('link', { name: 'Cyberspace cooperation between China and ASEAN' }).waitFor();
    await cac.getByRole('link', { name: 'Cyberspace Administration of China' }).click();
    await page.waitForURL(/\/organization\/cac$/);
    await page.getByRole('heading', { level: 1, name: 'Cyberspace Administration of China' }).waitFor();
    await page.getByRole('link', { name: 'Lu Wei', exact: true }).first().waitFor();
    await screenshot(page, 'researcher-organization-page');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a lawyer keeps to the law in force, then lists every provision on its own', async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/');
    await page.getByLabel(searchLabel).fill('cybercrime');
    await page.getByText(/\d+ results? for/).waitFor();
    const kinds = () => page.locator('.hit-meta > .badge:first-child').allTextContents();
    const statuses = () => page.locator('.hit-meta .badge.status').allTextContents();
    // Entities are results too, and not everything found is in force.
    expect(await kinds()).toContain('Theme');
    expect(await statuses()).toContain('Draft');

    await page.getByRole('checkbox', { name: 'In force only' }).check();
    await page.waitForURL(/status=in_force/);
    await expect.poll(statuses).not.toContain('Draft');
    expect(new Set(await statuses())).toEqual(new Set(['In force']));
    // Entities have no status, so they drop out.
    for (const kind of await kinds()) expect(['Instrument', 'Provision', 'Quote']).toContain(kind);
    expect(await page.locator('.facet input[name="status"][value="in_force"]').isChecked()).toBe(true);
    const grouped = await page.locator('.hit-matches li').count();
    expect(grouped).toBeGreaterThan(0);

    await page.getByRole('radio', { name: 'Every provision' }).check();
    await page.waitForURL(/group=none/);
    await expect.poll(() => page.locator('.hit-matches').count()).toBe(0);
    expect(await kinds()).toContain('Provision');
    await screenshot(page, 'lawyer-in-force-every-provision');

    // Both choices live in the URL.
    await page.reload();
    expect(await page.getByRole('checkbox', { name: 'In force only' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Every provision' }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: 'In force only' }).uncheck();
    await expect.poll(statuses).toContain('Draft');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a lawyer follows the Cybersecurity Law through its versions and compares two side by side, also on a 375 px phone', async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/instrument/cn-cybersecurity-law-2016');
    const versions = page.locator('section[aria-labelledby="versions-heading"]');
    await versions.getByRole('heading', { name: 'Versions (2)' }).waitFor();
    const entries = versions.locator('.version-timeline > li');
    expect(await entries.count()).toBe(2);
    expect(await entries.nth(0).textContent()).toMatch(/^As originally enacted.*In force 1 Jun 2017 to 1 Jan 2026/);
    expect(await entries.nth(1).textContent()).toMatch(
      /^As amended by Decision of the Standing Committee .*in force today/,
    );
    await entries
      .nth(1)
      .getByRole('link', { name: /^Decision of the Standing Committee/ })
      .waitFor();
    await versions.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'lawyer-versions-timeline');

    // The 2016 article keeps its anchor and says where it stands today, and that the number is inferred.
    const article37 = page.locator('section.provision#art-37');
    expect(await article37.locator('.today-note').textContent()).toBe(
      'Article 39 in the version in force todaynumber unverified',
    );
    const article20 = page.locator('section.provision', { has: page.getByRole('heading', { name: /Article 20$/ }) });
    expect(await article20.locator('.today-note').textContent()).toBe(
      'Inserted by the amendment in force from 1 Jan 2026.',
    );

    // The diff opens on the enacted text against the amended one.
    const rows = versions.locator('.diff-row');
    await rows.first().waitFor();
    const row = (label: string) =>
      rows.filter({ has: page.locator('.diff-what strong', { hasText: new RegExp(`^${label}$`) }) });
    expect(await row('Article 39').locator('.diff-badge').allTextContents()).toEqual(['renumbered 37 → 39']);
    const inserted = row('Article 3');
    expect(await inserted.locator('.diff-badge').allTextContents()).toEqual(['added']);
    expect(await inserted.locator('.diff-side').first().textContent()).toContain('not in this version');
    const article42 = row('Article 42');
    expect(await article42.locator('.diff-badge').allTextContents()).toEqual(['renumbered 40 → 42', 'text changed']);
    expect((await article42.locator('ins').allTextContents()).join('')).toContain('Civil Code');
    expect(await article42.locator('.diff-side').first().locator('del').count()).toBe(0);
    await article42.scrollIntoViewIfNeeded();
    await screenshot(page, 'lawyer-versions-diff');

    await versions.getByLabel('Later').selectOption('cn-cybersecurity-law-2016@original');
    await versions.getByText('Pick two different versions to see what changed.').waitFor();

    const phone = await openPage(session, 375);
    await phone.page.goto('/instrument/cn-cybersecurity-law-2016');
    const phoneRow = phone.page.locator('.diff-row').filter({ hasText: 'renumbered 40 → 42' });
    await phoneRow.waitFor();
    await phoneRow.scrollIntoViewIfNeeded();
    // On a phone the earlier text comes above the later one, each captioned, and nothing runs off the screen.
    const [earlierBox, laterBox] = await Promise.all(
      [0, 1].map((index) => phoneRow.locator('.diff-side').nth(index).boundingBox()),
    );
    expect(laterBox && earlierBox && laterBox.y >= earlierBox.y + earlierBox.height).toBe(true);
    expect(await phoneRow.locator('.diff-caption').first().isVisible()).toBe(true);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(phone.page, 'lawyer-versions-diff-375px');
    expect([...problems, ...phone.problems]).toEqual([]);
    await phone.context.close();
    await context.close();
  });

  it('results without one of the words follow a divider that names it', async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/search?q=Thailand+PDPA');
    await page.getByRole('heading', { name: 'Results without ‘Thailand’' }).waitFor();
    const titles = await page.locator('.hits').first().locator('.hit-title').allTextContents();
    expect(titles[0]).toContain('Personal Data Protection Act, B.E. 2562');
    expect(await page.locator('.hits').nth(1).locator('.hit').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when the API is down the page says so and offers a retry that recovers', async () => {
    const { page, problems, context } = await openPage(session);
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.goto('/search?q=cybercrime');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('cannot be reached');
    await screenshot(page, 'api-down');

    await page.unroute('**/graphql');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.getByText(/\d+ results? for/).waitFor();
    expect(await page.locator('.hit').count()).toBeGreaterThan(0);
    // The refused requests are logged by the browser itself; nothing else may be.
    expect(problems.filter((problem) => !problem.includes('net::ERR_CONNECTION_REFUSED'))).toEqual([]);
    await context.close();
  });
});

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += character;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
