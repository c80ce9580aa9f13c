/**
 * An instrument's title as published, beside the English one, when it is written in the reader's own script:
 * 中华人民共和国网络安全法 for a reader of Chinese. Titles in other scripts stay on the instrument's page.
 */
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language, languages } from '../i18n/languages.js';

const readersScript: Record<Language, RegExp | null> = { en: null, zh: /\p{Script=Han}/u };

export function LocalTitle({ title }: { title: string | null | undefined }) {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'en';
  if (!title || !readersScript[language]?.test(title)) return null;
  return (
    <span className="local-title" lang={languages[language].htmlLang}>
      {title}
    </span>
  );
}
