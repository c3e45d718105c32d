/**
 * The Account page as a pure model: the customer shown, the form open on it, and the writes made from the page —
 * a form's save, a purchase permission switched, Undo — with the status each leaves. account-effects.ts performs
 * the reads and writes and dispatches what they found.
 */
import { type FormKind, type ResourceKind, type Resources, withResource } from '@/domain/resources';
import type { Customer } from '@/domain/schemas';
import type { Draft } from '@/services/drafts';
import type { Notice } from '@/services/i18n';
import type { Saved } from './form';

/** What the page's live regions say. */
export interface Status {
  notice: Notice;
  alert?: boolean;
  /** Move focus there (after a save), so keyboard and screen-reader users land on the outcome. */
  focus?: boolean;
  undoable?: boolean;
}

/** How to take the last write back: the previous values as a merge patch, sent with the ETag the write left. */
interface UndoWrite {
  kind: ResourceKind;
  patch: object;
  etag: string;
}

export interface AccountPage {
  customer: Customer | null;
  loadError: string | null;
  /** When a view last announced a change to this customer: the page and its audit log read again. */
  version: number;
  editing: { kind: FormKind; draft: Draft | null } | null;
  /** The form the agent left with Cancel: focus goes back to the button that opened it. */
  returnFocus: FormKind | null;
  status: Status | null;
  undo: UndoWrite | null;
  /** A switch or Undo is being written. */
  writing: boolean;
}

/** A write that landed: the resource as saved, with its new ETag. */
interface Landed {
  kind: ResourceKind;
  resource: Resources[ResourceKind];
}

export type AccountEvent =
  | { type: 'loading' }
  | { type: 'loaded'; customer: Customer }
  | { type: 'loadFailed'; message: string }
  | { type: 'changeAnnounced'; at: number }
  | { type: 'editOpened'; kind: FormKind; draft: Draft | null }
  /** The form closed: saved, or null for Cancel (or nothing to send). */
  | { type: 'formClosed'; saved: Saved | null }
  | { type: 'writeStarted' }
  | ({ type: 'saved'; notice: Notice; undo: object } & Landed)
  | { type: 'undoStarted' }
  | ({ type: 'undone' } & Landed)
  | { type: 'writeFailed'; message: string };

export const openAccount = (): AccountPage => ({
  customer: null,
  loadError: null,
  version: 0,
  editing: null,
  returnFocus: null,
  status: null,
  undo: null,
  writing: false,
});

/** A write landed: the page shows it, says so, and offers Undo when `undo` is given. */
function landed(state: AccountPage, { kind, resource }: Landed, notice: Notice, undo?: object): AccountPage {
  return {
    ...state,
    customer: state.customer && withResource(state.customer, kind, resource),
    writing: false,
    status: { notice, focus: true, undoable: undo !== undefined },
    undo: undo ? { kind, patch: undo, etag: resource.etag ?? '' } : null,
  };
}

export function accountPage(state: AccountPage, event: AccountEvent): AccountPage {
  switch (event.type) {
    case 'loading':
      return { ...state, loadError: null };
    case 'loaded':
      return { ...state, customer: event.customer };
    case 'loadFailed':
      return { ...state, loadError: event.message };
    case 'changeAnnounced':
      return { ...state, version: event.at };
    case 'editOpened':
      return { ...state, editing: { kind: event.kind, draft: event.draft }, returnFocus: null, status: null };
    case 'formClosed': {
      const closed = { ...state, editing: null };
      const { saved } = event;
      // A save focuses its status instead.
      if (!saved) return { ...closed, returnFocus: state.editing?.kind ?? null };
      return landed(closed, saved, { key: `${saved.kind}.saved` }, saved.undo);
    }
    case 'writeStarted':
      return { ...state, writing: true };
    case 'saved':
      return landed(state, event, event.notice, event.undo);
    case 'undoStarted':
      return { ...state, writing: true, undo: null };
    case 'undone':
      return landed(state, event, { key: 'undone' });
    case 'writeFailed':
      return { ...state, writing: false, undo: null, status: { notice: { text: event.message }, alert: true } };
  }
}
