import 'i18next';
import type { en } from './en.js';

// Keys are checked at compile time: t('nav.serch') does not type-check.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}
