/**
 * Names the popup and the side panel prerendered in the agent's language as the ones the browser opens
 * (modules/prerender/pages.ts): the language is decided here, in the background, before a page exists to paint.
 */
import type { Language } from '@/domain/languages';
import { pageOf } from '@/modules/prerender/pages';
import { firefoxUi } from './side-panel';

export async function choosePages(language: Language): Promise<void> {
  const firefox = firefoxUi();
  const popup = pageOf('popup', language);
  const panel = pageOf('sidepanel', language);
  await Promise.all([
    browser.action ? browser.action.setPopup({ popup }) : firefox.browserAction?.setPopup({ popup }),
    browser.sidePanel?.setOptions({ path: panel }),
    firefox.sidebarAction?.setPanel({ panel }),
  ]);
}
