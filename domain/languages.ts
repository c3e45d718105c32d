/**
 * The languages the extension speaks, one entry each: the UI's language choice, the `X-Locale` header sent to Partner
 * Center and the catalogue tests all read this list. A language's catalogue is `locales/<code>.ts` (exporting
 * `<code>`, every key of English's) and its manifest strings `public/_locales/<code>/messages.json`; adding a language
 * is adding those two files and one entry here (docs/architecture.md, "Languages").
 */
export const LANGUAGES = [
  /** English is the catalogue every other is checked against, and the fallback. */
  { code: 'en', partnerCenterLocale: 'en-US', label: 'English' },
  { code: 'ru', partnerCenterLocale: 'ru-RU', label: 'Русский' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

export const DEFAULT_LANGUAGE: Language = 'en';

export const languageInfo = (code: Language) => LANGUAGES.find((l) => l.code === code)!;
