/** The explorer's languages and how the one to show is chosen (no browser globals: unit-tested in Node). */
import { LANGUAGE_PARAM } from '../lib/router.js';

/** `htmlLang` tags the page for screen readers and fonts; `locale` formats dates, numbers and lists. */
export const languages = {
  en: { name: 'English', htmlLang: 'en', locale: 'en-GB' },
  zh: { name: '简体中文', htmlLang: 'zh-Hans', locale: 'zh-CN' },
} as const;
export type Language = keyof typeof languages;

export const isLanguage = (value: string | null | undefined): value is Language =>
  typeof value === 'string' && Object.hasOwn(languages, value);

/** The URL's language, else the one chosen on an earlier visit, else the first of the browser's that we have. */
export function resolveLanguage(search: string, browser: readonly string[], remembered: string | null): Language {
  const asked = new URLSearchParams(search).get(LANGUAGE_PARAM);
  if (isLanguage(asked)) return asked;
  if (isLanguage(remembered)) return remembered;
  const spoken = browser.map((tag) => tag.toLowerCase().split('-')[0]).find(isLanguage);
  return spoken ?? 'en';
}
