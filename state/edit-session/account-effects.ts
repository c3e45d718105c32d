/**
 * The side effects of the Account page, kept thin: reading the customer, the writes made from the page (a
 * permission switched, Undo), telling the other views. Each dispatches what it found; the decisions are in account.ts.
 */
import type { FormKind, ResourceKind, Resources } from '@/domain/resources';
import type { Customer } from '@/domain/schemas';
import { ApiError } from '@/services/api-client';
import { currentBackend } from '@/services/backends';
import { takePrefetched } from '@/services/customer-prefetch';
import { type Draft, loadDraft } from '@/services/drafts';
import { errorMessage } from '@/services/error-message';
import { t } from '@/services/i18n';
import { rememberCustomer } from '@/services/recent-customers';
import { withRetry } from '@/services/retry';
import { customerChangedItem } from '@/services/storage';
import type { Store } from '../store';
import type { AccountEvent, AccountPage } from './account';
import type { Saved } from './form';

export type PermissionKey = 'azureReservations' | 'azureSavingsPlans';

/** The page's ways out to the API and extension storage. */
export interface AccountServices {
  read: (id: string, signal: AbortSignal) => Promise<Customer>;
  write: (id: string, kind: ResourceKind, patch: object, ifMatch: string) => Promise<Resources[ResourceKind]>;
  loadDraft: (id: string, kind: FormKind) => Promise<Draft | null>;
  /** Tells every open view (popup, side panel) that this customer changed. */
  announce: (id: string) => void;
  remember: (customer: Customer) => void;
}

export const EXTENSION_SERVICES: AccountServices = {
  read: (id, signal) => {
    const fresh = () => withRetry(async () => (await currentBackend()).customer(id, signal), signal);
    return takePrefetched(id)?.catch(fresh) ?? fresh();
  },
  write: async (id, kind, patch, ifMatch) => (await currentBackend()).write(id, kind, patch, ifMatch),
  loadDraft,
  announce: (id) => void customerChangedItem.setValue({ id, at: Date.now() }),
  remember: (customer) => void rememberCustomer(customer),
};

export function accountEffects(
  page: Store<AccountPage, AccountEvent>,
  id: string,
  services: AccountServices = EXTENSION_SERVICES,
) {
  let reading: AbortController | null = null;

  /** Reads the customer (again); a read still under way is dropped, late answer and all. */
  function load() {
    reading?.abort();
    const controller = new AbortController();
    reading = controller;
    const at = Date.now();
    page.dispatch({ type: 'loading' });
    services.read(id, controller.signal).then(
      (customer) => {
        // A prefetched read cannot be aborted: its late answer is dropped here.
        if (controller.signal.aborted) return;
        page.dispatch({ type: 'loaded', customer, at });
        services.remember(customer);
      },
      (error) => {
        if (!controller.signal.aborted) page.dispatch({ type: 'loadFailed', message: errorMessage(error) });
      },
    );
  }

  /** One write from the page; a failure is said in the page's alert, and null returned. */
  async function write(kind: ResourceKind, patch: object, ifMatch: string) {
    try {
      return await services.write(id, kind, patch, ifMatch);
    } catch (error) {
      page.dispatch({ type: 'writeFailed', message: errorMessage(error) });
      // A stale copy cannot be written: show the customer as it is now.
      if (error instanceof ApiError && error.status === 412) load();
      return null;
    }
  }

  function landed(event: AccountEvent) {
    page.dispatch(event);
    services.announce(id);
  }

  return {
    load,
    stop: () => reading?.abort(),
    /** An unsent draft reopens its form (the popup was closed, or the agent moved to the side panel). */
    async reopenDraft() {
      const [billing, company] = await Promise.all([
        services.loadDraft(id, 'billing'),
        services.loadDraft(id, 'company'),
      ]);
      if (billing) page.dispatch({ type: 'editOpened', kind: 'billing', draft: billing });
      else if (company) page.dispatch({ type: 'editOpened', kind: 'company', draft: company });
    },
    closeForm(saved: Saved | null) {
      if (saved) landed({ type: 'formClosed', saved });
      else page.dispatch({ type: 'formClosed', saved });
    },
    async switchPermission(key: PermissionKey, on: boolean) {
      const { customer } = page.getState();
      if (!customer) return;
      page.dispatch({ type: 'writeStarted' });
      const resource = await write('permission', { [key]: on }, customer.purchasePermission.etag ?? '');
      if (!resource) return;
      const product = t(`permission.product.${key}`);
      const text = t(on ? 'permission.savedOn' : 'permission.savedOff', { product });
      landed({ type: 'saved', kind: 'permission', resource, notice: { text }, undo: { [key]: !on } });
    },
    async undo() {
      const { undo } = page.getState();
      if (!undo) return;
      page.dispatch({ type: 'undoStarted' });
      const resource = await write(undo.kind, undo.patch, undo.etag);
      if (resource) landed({ type: 'undone', kind: undo.kind, resource });
    },
  };
}
