/**
 * The backend of the connection the agent chose in the options page. Partner Center's is loaded the first time it is
 * wanted: the popup's first script carries only the mock's.
 */
import { connectionItem } from '../storage';
import type { CustomerBackend } from './backend';
import { mockBackend } from './mock';

let chosen: Promise<CustomerBackend> | null = null;

/** Read once and forgotten when the connection changes, so a keystroke's search does not wait for storage. */
export function currentBackend(): Promise<CustomerBackend> {
  if (!chosen) {
    const unwatch = connectionItem.watch(() => {
      chosen = null;
      unwatch();
    });
    chosen = connectionItem
      .getValue()
      .then((connection) =>
        connection === 'partnerCenter' ? import('./partner-center').then((m) => m.partnerCenterBackend) : mockBackend,
      );
  }
  return chosen;
}
