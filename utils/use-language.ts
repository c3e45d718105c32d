import { type Language, resolveLanguage, setLanguage } from './i18n';
import { languageItem } from './storage';
import { useStorageItem } from './use-storage-item';

/**
 * The language the views speak: the one chosen in the options page, else the browser's.
 * Set during render, so the render that follows a change already uses the new catalogue.
 * `undefined` until storage has answered (render nothing yet, to avoid a flash of English).
 */
export function useLanguage(): Language | undefined {
  const preference = useStorageItem(languageItem);
  if (preference === undefined) return undefined;
  const language = resolveLanguage(preference, navigator.language);
  setLanguage(language);
  return language;
}
