import { useEffect, useState } from 'preact/hooks';
import type { Language } from '@/domain/languages';
import { resolveLanguage, setLanguage } from '@/services/i18n';
import { useSettings } from './use-settings';

/**
 * The language the views speak: the one chosen in the options page (or by the organisation), else the browser's. The view re-renders once
 * its catalogue is loaded (Russian loads on demand); `undefined` until then, while the first render speaks English.
 */
export function useLanguage(): Language | undefined {
  const preference = useSettings()?.language;
  const [shown, setShown] = useState<Language | undefined>(undefined);
  const language = preference === undefined ? undefined : resolveLanguage(preference, navigator.language);
  useEffect(() => {
    if (!language) return;
    let live = true;
    void setLanguage(language).then(() => {
      if (live) setShown(language);
    });
    return () => {
      live = false;
    };
  }, [language]);
  return shown;
}
