/**
 * The backend of the connection in force (the agent's choice in the options page, or the organisation's). Partner
 * Center's is loaded the first time it is wanted: the popup's first script carries only the mock's.
 */
import { readSettings, watchSettings } from '../settings/settings';
import type { CustomerBackend } from './backend';
import { mockBackend } from './mock';

let chosen: Promise<CustomerBackend> | null = null;

/** Read once and forgotten when the settings change, so a keystroke's search does not wait for storage. */
export function currentBackend(): Promise<CustomerBackend> {
  if (!chosen) {
    const unwatch = watchSettings(() => {
      chosen = null;
      unwatch();
    });
    chosen = readSettings().then(({ connection }) =>
      connection === 'partnerCenter' ? import('./partner-center').then((m) => m.partnerCenterBackend) : mockBackend,
    );
  }
  return chosen;
}
