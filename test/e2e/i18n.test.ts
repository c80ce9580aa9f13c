/**
 * The explorer in 简体中文 as a Chinese-reading student meets it: switching from English keeps the page and puts
 * the language in the URL, every link keeps it, a reload keeps it, and a first visit from a Chinese browser
 * opens in Chinese; at desktop and phone widths, with no console errors and no sideways scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, openPage, type Session, screenshot, startSession } from './browser.js';

let session: Session;

describe.skipIf(!chromiumAvailable)('the explorer in Chinese', () => {
  beforeAll(async () => {
    session = await startSession();
  }, 120_000);
  afterAll(async () => {
    await session?.stop();
  });

  it('a student switches to 中文, searches, and the language follows every link and a reload', async () => {
    const { page, problems, context } = await openPage(session);
    await page.goto('/?q=cybersecurity');
    await page.getByText(/\d+ results? for/).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.getByRole('link', { name: '简体中文' }).click();
    await page.waitForURL(/[?&]lang=zh/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('cybersecurity');
    await page.getByText(/共 \d+ 条结果/).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    await page.getByLabel('检索法律、协定、条款和讲话').waitFor();
    expect(await page.getByRole('navigation', { name: '栏目' }).textContent()).toContain('比较');
    // The results' kinds, statuses and dates are in Chinese too.
    expect(await page.locator('.hit .badge.kind-Instrument').first().textContent()).toBe('文件');
    // A Chinese law shows its title as published beside the English one.
    const law = page.locator('.hit').filter({
      has: page.getByRole('link', { name: "Cybersecurity Law of the People's Republic of China", exact: true }),
    });
    expect(await law.locator('.local-title').textContent()).toBe('中华人民共和国网络安全法');
    expect(await law.locator('.local-title').getAttribute('lang')).toBe('zh-Hans');
    expect(await page.locator('.hit-meta').allTextContents()).toContainEqual(
      expect.stringMatching(/\d{4}年\d{1,2}月\d{1,2}日/),
    );
    await screenshot(page, 'i18n-search-zh');

    // A link followed in Chinese stays in Chinese; so does a reload.
    await page.getByRole('navigation', { name: '栏目' }).getByRole('link', { name: '比较' }).click();
    await page.waitForURL(/\/compare\?lang=zh/);
    await page.getByRole('checkbox', { name: '越南' }).check();
    await page.waitForURL(/countries=VN/);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('zh');
    await page.reload();
    expect(await page.getByRole('checkbox', { name: '越南' }).isChecked()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    // The cell says its judgement, its sources and its headings in Chinese; the corpus's own words stay as written.
    // Themes are named in Chinese, in the picker as in the matrix.
    await page.getByRole('checkbox', { name: '网络犯罪', exact: true }).check();
    expect(await page.getByRole('checkbox', { name: 'Cybercrime', exact: true }).count()).toBe(0);
    await page.getByRole('rowheader', { name: '网络犯罪', exact: true }).waitFor();
    const cell = page.locator('td[data-country="VN"][data-theme="theme:cybercrime"]');
    await cell.locator('.cell-status .badge').waitFor();
    expect(await cell.locator('.cell-status .badge').textContent()).toMatch(/专门文件|草案|相关文件/);
    expect(await cell.locator('.cell-heading').allTextContents()).toContainEqual(expect.stringMatching(/文件|条款/));
    await screenshot(page, 'i18n-compare-zh');

    // The overview and the timeline, reached through the header, are in Chinese too.
    await page.getByRole('navigation', { name: '栏目' }).getByRole('link', { name: '总览' }).click();
    await page.getByRole('heading', { level: 1, name: '总览：各国已有哪些规定' }).waitFor();
    expect(await page.locator('.heatmap thead').textContent()).toContain('越南');
    const heatmapThemes = await page.locator('.heatmap tbody th[scope="row"]').allTextContents();
    expect(heatmapThemes).toContain('个人信息保护');
    expect(heatmapThemes.filter((name) => !/^\p{Script=Han}+$/u.test(name.trim()))).toEqual([]);
    await page.getByRole('navigation', { name: '栏目' }).getByRole('link', { name: '时间线' }).click();
    await page.getByText(/显示共 \d+ 条中的前 \d+ 条|全部 \d+ 条/).waitFor();
    expect(await page.locator('.years time.date').first().textContent()).toMatch(/\d{4}年/);
    // The diffusion view's theme picker and chart name the theme in Chinese.
    const spread = page.locator('.diffusion-theme select');
    await spread.selectOption('theme:personal-data');
    expect(await spread.locator('option:checked').textContent()).toContain('个人信息保护');
    await page.locator('.diffusion-chart figcaption', { hasText: '个人信息保护' }).waitFor({ state: 'attached' });
    expect(new URL(page.url()).searchParams.get('lang')).toBe('zh');
    await screenshot(page, 'i18n-timeline-zh');

    // And back to English from where the student is.
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    await page.getByRole('heading', { level: 1, name: 'Timeline' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // The graph's canvas renames its countries when the language changes.
    await page.goto('/graph?focus=country:VN&lang=en');
    const canvasLabel = () =>
      page.evaluate(() => {
        const canvas = document.querySelector('.graph-canvas') as HTMLElement & { _cyreg?: { cy?: unknown } };
        const cy = canvas?._cyreg?.cy as { getElementById: (id: string) => { data: (key: string) => unknown } };
        return cy?.getElementById('country:VN').data('label');
      });
    await expect.poll(canvasLabel).toMatch(/^Viet ?nam$/i);
    await page.getByRole('link', { name: '简体中文' }).click();
    await page.waitForURL(/lang=zh/);
    await expect.poll(canvasLabel).toBe('越南');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a first visit from a Chinese browser on a phone opens in Chinese, without sideways scrolling', async () => {
    const phone = await openPage(session, 375, 'zh-CN');
    await phone.page.goto('/?q=数据');
    await phone.page.getByText(/共 \d+ 条结果/).waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'i18n-search-zh-375px');
    await phone.page.goto('/compare?countries=CN,VN&themes=theme:cybercrime');
    await phone.page.locator('.cell-status .badge').first().waitFor();
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'i18n-compare-zh-375px');

    // A country's profile and an instrument, with the Chinese title beside the English one.
    const sideways = () =>
      phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await phone.page.goto('/country/VN');
    await phone.page.getByRole('heading', { level: 1, name: '越南' }).waitFor();
    await phone.page.getByRole('heading', { name: '各主题的做法' }).waitFor();
    expect(await phone.page.getByText(/^所属组织：/).textContent()).toMatch(/^所属组织：\S+/);
    // Where it agrees and differs with similar countries is said in Chinese, before the evidence's own titles.
    // The similarity section loads after the page's heading: read its points once they are there.
    await phone.page.locator('.similarity-points li').first().waitFor();
    const points = await phone.page.locator('.similarity-points li').allTextContents();
    expect(points.length).toBeGreaterThan(0);
    expect(points.filter((point) => !/^(两国|只有|在\p{Script=Han}+方面)/u.test(point))).toEqual([]);
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'i18n-country-zh-375px');
    await phone.page.goto('/instrument/cn-cybersecurity-law-2016');
    await phone.page.getByText('通过日期').waitFor();
    expect(await phone.page.locator('.title-local').textContent()).toMatch(/网络安全法/);
    expect(await phone.page.locator('dl.facts').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'i18n-instrument-zh-375px');

    // The graph explorer, loaded on demand, speaks Chinese too.
    await phone.page.goto('/graph?focus=person:lu-wei');
    await phone.page.getByRole('heading', { level: 1, name: '关系图' }).waitFor();
    await expect.poll(() => phone.page.locator('.graph-canvas').getAttribute('data-node-count')).not.toBe('0');
    expect(await phone.page.getByRole('list', { name: '图例' }).textContent()).toContain('人物');
    // The details panel says "loading details" first: poll until the entity's own details are in.
    await expect
      .poll(() => phone.page.getByRole('complementary', { name: '详情' }).textContent())
      .toContain('显示相邻节点');
    await screenshot(phone.page, 'i18n-graph-zh-375px');
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });
});
