/**
 * The prerendered pages: `popup.html` and `sidepanel.html` in the default language, and one more of each per other
 * language (`popup-ru.html`), which the background names as the popup and the side panel before any is opened
 * (services/language-pages.ts), so the first frame already speaks the agent's language.
 */
// Relative: the build's module (index.ts) loads this file outside Vite, where the `@/` alias does not resolve.
import { DEFAULT_LANGUAGE, type Language } from '../../domain/languages';

export const PRERENDERED_VIEWS = ['popup', 'sidepanel'] as const;
export type PrerenderedView = (typeof PRERENDERED_VIEWS)[number];

export const pageOf = (view: PrerenderedView, language: Language) =>
  language === DEFAULT_LANGUAGE ? `${view}.html` : `${view}-${language}.html`;
