/** English | 简体中文: links to this very page in the other language, so the choice is in the URL and survives reload. */
import { useTranslation } from 'react-i18next';
import { type Language, languages, rememberLanguage } from '../i18n/index.js';
import { LANGUAGE_PARAM, Link, useLocation } from '../lib/router.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { path, params, hash } = useLocation();
  const inLanguage = (language: Language) => {
    const next = new URLSearchParams(params);
    next.set(LANGUAGE_PARAM, language);
    return `${path}?${next}${hash ? `#${encodeURIComponent(hash)}` : ''}`;
  };
  return (
    <nav className="language-switch" aria-label={t('language.label')}>
      {(Object.keys(languages) as Language[]).map((language) => (
        <Link
          key={language}
          to={inLanguage(language)}
          lang={languages[language].htmlLang}
          hrefLang={languages[language].htmlLang}
          aria-current={i18n.language === language ? 'true' : undefined}
          onClick={() => rememberLanguage(language)}
        >
          {languages[language].name}
        </Link>
      ))}
    </nav>
  );
}
