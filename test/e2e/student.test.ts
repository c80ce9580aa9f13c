/**
 * A student learning how the region moved: how a theme spread (the diffusion view), the timeline narrowed to a span
 * of years with sliders from the keyboard and on a phone, and which countries are alike and why; at desktop and
 * 375 px, with screenshots, no console errors and no sideways scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, openPage, type Session, screenshot, startSession } from './browser.js';

let session: Session;
const overflow = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

interface Diffusion {
  adopters: { country: { label: string }; instrument: { id: string; title: string } }[];
  notYet: { country: { code: string }; judgement: string }[];
}
const diffusionOf = async (theme: string) => {
  const { data } = await session.server.graphql<{ diffusion: Diffusion }>(
    `query($theme: ID!) { diffusion(theme: $theme) {
      adopters { country { label } instrument { id title } } notYet { country { code } judgement } } }`,
    { theme },
  );
  if (!data) throw new Error(`no diffusion for ${theme}`);
  return data.diffusion;
};

describe.skipIf(!chromiumAvailable)('the student’s journey in Chromium', () => {
  beforeAll(async () => {
    session = await startSession();
  }, 120_000);
  afterAll(async () => {
    await session?.stop();
  });

  it('the diffusion view orders who adopted first and who followed, with the instruments named, at desktop and 375 px', async () => {
    const personalData = await diffusionOf('theme:personal-data');
    expect(personalData.adopters.length).toBeGreaterThan(5);
    const { page, problems, context } = await openPage(session);
    await page.goto('/timeline');
    const view = page.getByRole('region', { name: 'How a theme spread' });
    await view.waitFor();
    // A theme picked with the keyboard: focus the list and choose, no pointer needed.
    const picker = view.getByRole('combobox', { name: 'Theme' });
    await picker.focus();
    await picker.selectOption('theme:personal-data');
    await page.waitForURL(/spread=theme%3Apersonal-data/);
    const rows = view.locator('.diffusion-chart li');
    // Polled on the names, not the count: the theme shown before may have as many adopters.
    await expect
      .poll(() => rows.locator('.who').allTextContents())
      .toEqual(personalData.adopters.map((adopter) => adopter.country.label));
    const firstAdopter = personalData.adopters[0];
    const firstLink = rows.first().getByRole('link');
    expect(await firstLink.textContent()).toBe(firstAdopter?.instrument.title);
    expect(await firstLink.getAttribute('href')).toBe(
      `/instrument/${firstAdopter?.instrument.id.replace(/^instrument:/, '')}`,
    );
    expect(await rows.first().textContent()).toContain('first');
    expect(await rows.nth(1).textContent()).toMatch(/years? later|the same year/);
    // The marks move right as the years go on.
    const lefts = await rows
      .locator('.mark')
      .evaluateAll((marks) => marks.map((mark) => mark.getBoundingClientRect().left));
    expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
    expect(lefts.at(-1)).toBeGreaterThan(lefts[0] ?? 0);
    // Cambodia has only a draft: named as not yet, never dropped.
    expect(personalData.notYet).toContainEqual({ country: { code: 'KH' }, judgement: 'draft_only' });
    expect(await view.locator('.diffusion-not-yet li').allTextContents()).toContainEqual(
      expect.stringMatching(/Cambodia · draft only · /),
    );
    await view.scrollIntoViewIfNeeded();
    await screenshot(page, 'student-diffusion-personal-data');

    const cybercrime = await diffusionOf('theme:cybercrime');
    await picker.selectOption('theme:cybercrime');
    await expect
      .poll(() => rows.locator('.who').allTextContents())
      .toEqual(cybercrime.adopters.map((adopter) => adopter.country.label));

    const phone = await openPage(session, 375);
    // A link shared without the `theme:` prefix opens the same view, the picker showing that theme.
    await phone.page.goto('/timeline?spread=personal-data');
    const phoneRows = phone.page.locator('.diffusion-chart li');
    await expect.poll(() => phoneRows.count()).toBe(personalData.adopters.length);
    expect(await phone.page.locator('.diffusion-theme select').inputValue()).toBe('theme:personal-data');
    expect(await overflow(phone.page)).toBe(0);
    // Each row fits the screen: the instrument's name wraps under the country rather than running off.
    const widest = await phoneRows.evaluateAll((items) => Math.max(...items.map((item) => item.scrollWidth)));
    expect(widest).toBeLessThanOrEqual(375);
    await phone.page.locator('.diffusion').scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'student-diffusion-375px');
    expect([...problems, ...phone.problems]).toEqual([]);
    await phone.context.close();
    await context.close();
  });

  it('the timeline narrows to a span of years with sliders, from the keyboard and on a phone', async () => {
    const { data: start } = await session.server.graphql<{ timeline: { entries: { date: string }[] } }>(
      '{ timeline(first: 1) { entries { date } } }',
    );
    const firstYear = Number(start?.timeline.entries[0]?.date.slice(0, 4));
    const { data: since } = await session.server.graphql<{ timeline: { total: number } }>(
      '{ timeline(from: "2018") { total } }',
    );
    const { page, problems, context } = await openPage(session);
    await page.goto('/timeline');
    await page.getByText(/^The first 100 of \d+ entries/).waitFor();
    const from = page.getByRole('slider', { name: 'From' });
    await from.focus();
    for (let year = firstYear; year < 2018; year += 1) await page.keyboard.press('ArrowRight');
    await page.waitForURL(/from=2018/);
    await page.getByRole('group', { name: /Years 2018–\d{4}/ }).waitFor();
    const total = since?.timeline.total ?? 0;
    await page
      .getByText(total > 100 ? `The first 100 of ${total} entries` : `All ${total} entries`, { exact: false })
      .waitFor();
    const dates = await page
      .locator('.years .date')
      .evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? time.textContent ?? ''));
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(Number(date.slice(0, 4))).toBeGreaterThanOrEqual(2018);
    await page.getByRole('group', { name: /Years/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'student-timeline-years');
    // Clearing the filters puts both sliders back at the ends.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => !url.search.includes('from='));
    expect(await from.inputValue()).toBe(String(firstYear));

    // On a phone the slider is moved as a thumb would, to its new value.
    const phone = await openPage(session, 375);
    await phone.page.goto('/timeline');
    const to = phone.page.getByRole('slider', { name: 'To' });
    await to.fill('2016');
    await phone.page.waitForURL(/to=2016/);
    await phone.page.getByRole('group', { name: new RegExp(`Years ${firstYear}–2016`) }).waitFor();
    expect(await overflow(phone.page)).toBe(0);
    const box = await to.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(24);
    await to.scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'student-timeline-years-375px');
    expect([...problems, ...phone.problems]).toEqual([]);
    await phone.context.close();
    await context.close();
  });

  it("a country page names each approach's judgement in a few words before its summary", async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/country/SG');
    const approaches = page.getByRole('region', { name: 'Approach by theme' }).locator('details.approach');
    await approaches.first().waitFor();
    const dataGovernance = approaches.filter({ hasText: 'Singapore imposes no data localisation' });
    expect(await dataGovernance.locator('summary .approach-label').textContent()).toBe(
      'no localisation, accountability-based transfers',
    );
    expect(await approaches.locator('summary .approach-label').count()).toBe(await approaches.count());
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a country page says which countries are alike and why, with the evidence linked, at desktop and 375 px', async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/country/VN');
    const section = page.getByRole('region', { name: 'Most similar approaches' });
    await section.locator('.similar > li').first().waitFor();
    expect(await section.locator('.similar > li').count()).toBe(5);
    const nearest = section.locator('.similar > li').first();
    expect(await nearest.textContent()).toMatch(/likeness 0\.\d\d/);
    const points = nearest.locator('.similarity-points li');
    expect(await points.count()).toBeGreaterThan(0);
    for (const text of await points.allTextContents()) expect(text).toMatch(/Vietnam|Viet Nam/);
    const evidence = points.first().getByRole('link').first();
    expect(await evidence.getAttribute('href')).toMatch(/^\/instrument\//);
    // The scores follow what the countries do: they spread out rather than all sitting near the top.
    const scores = (await section.locator('.score').allTextContents()).map((text) => Number(text.split(' ').at(-1)));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'student-similar-countries');

    const phone = await openPage(session, 375);
    await phone.page.goto('/country/VN');
    await phone.page.locator('.similar > li').first().waitFor();
    expect(await overflow(phone.page)).toBe(0);
    await phone.page.locator('.similar').scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'student-similar-countries-375px');
    expect([...problems, ...phone.problems]).toEqual([]);
    await phone.context.close();
    await context.close();
  });
});
