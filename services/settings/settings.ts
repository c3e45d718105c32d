/**
 * The settings every part of the extension reads: the organisation's policy (storage.managed) over the agent's own
 * (local storage), merged by effective.ts. Nothing writes here: the agent's own values are written to their storage
 * items, and stay there under the organisation's.
 */
import { apiBaseItem, connectionItem, languageItem, partnerCenterItem, roleItem } from '../storage';
import type { Settings } from './effective';

/** The organisation's values; none when there is no policy (Firefox then refuses to read: no managed manifest). */
async function readManaged(): Promise<Record<string, unknown>> {
  try {
    return await browser.storage.managed.get();
  } catch {
    return {};
  }
}

export async function readSettings(): Promise<Settings> {
  const [managed, connection, apiBase, partnerCenter, role, language] = await Promise.all([
    readManaged(),
    connectionItem.getValue(),
    apiBaseItem.getValue(),
    partnerCenterItem.getValue(),
    roleItem.getValue(),
    languageItem.getValue(),
  ]);
  const own = { connection, apiBase, partnerCenter, role, language };
  // Most browsers have no policy: the merge (and its checks) loads only where there is one, not in the popup's first
  // script.
  if (!Object.keys(managed).length) return { ...own, managed: new Set(), notices: [] };
  const { effectiveSettings } = await import('./effective');
  return effectiveSettings(managed, own);
}

/** Calls `changed` when any source of the settings changes (a policy too: Chrome applies a new one while running). */
export function watchSettings(changed: () => void): () => void {
  const onManaged = (_changes: unknown, area: string) => {
    if (area === 'managed') changed();
  };
  browser.storage.onChanged.addListener(onManaged);
  const unwatch = [connectionItem, apiBaseItem, partnerCenterItem, roleItem, languageItem].map((item) =>
    item.watch(changed),
  );
  return () => {
    browser.storage.onChanged.removeListener(onManaged);
    for (const stop of unwatch) stop();
  };
}
