/**
 * The explorer's words through i18next. The language is read from the URL (?lang=), else from the reader's
 * earlier choice, else from the browser's languages; every navigation re-reads it, and <html lang> follows.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { NAVIGATED } from '../lib/router.js';
import { en } from './en.js';
import { isLanguage, type Language, languages, resolveLanguage } from './languages.js';
import { zh } from './zh.js';

export { type Language, languages } from './languages.js';

const STORAGE_KEY = 'explorer:language';

function remembered(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode, a sandboxed frame): the URL and the browser still decide
  }
}

/** Remembers the reader's choice for later visits that arrive without ?lang=. */
export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // the choice still lives in the URL
  }
}

export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : 'en');
export const currentLocale = () => languages[currentLanguage()].locale;

const wanted = () => resolveLanguage(window.location.search, navigator.languages, remembered());

function follow(): void {
  const language = wanted();
  if (i18next.language !== language) void i18next.changeLanguage(language);
  document.documentElement.lang = languages[language].htmlLang;
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: wanted(),
  fallbackLng: 'en',
  supportedLngs: Object.keys(languages),
  // React escapes what it renders; escaping here too would show &amp; in titles.
  interpolation: { escapeValue: false },
  initAsync: false,
});
follow();
// Registered before React subscribes to navigation, so the language has changed when the page re-renders.
window.addEventListener('popstate', follow);
window.addEventListener(NAVIGATED, follow);
