/**
 * The Account page as a pure model: the customer shown, the form open on it, and the writes made from the page —
 * a form's save, a purchase permission switched, Undo — with the status each leaves. account-effects.ts performs
 * the reads and writes and dispatches what they found.
 */
import { type FormKind, RESOURCES, type ResourceKind, type Resources, withResource } from '@/domain/resources';
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

/** How old a copy may be when the view is shown again without being read again (docs/architecture.md, "Fresh and fast"). */
export const STALE_AFTER_MS = 30_000;

/** The form open on the page: its kind, the draft it reopened, and the version of the resource it started from. */
interface Editing {
  kind: FormKind;
  draft: Draft | null;
  etag: string;
}

export interface AccountPage {
  customer: Customer | null;
  /** When the shown copy was asked for (ms since the epoch); 0 before the first. */
  readAt: number;
  loadError: string | null;
  /** When the page last asked to be read again (a change announced, chosen again, shown again): the page and its
   * audit log read again. */
  version: number;
  editing: Editing | null;
  /** A read while the form is open found its resource changed by someone else: said beside the form, which keeps
   * the agent's values (its Submit meets the conflict dialog). */
  changedElsewhere: boolean;
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
  /** `at`: when this copy was asked for. */
  | { type: 'loaded'; customer: Customer; at: number }
  | { type: 'loadFailed'; message: string }
  | { type: 'changeAnnounced'; at: number }
  /** The agent chose the customer already open: it is read again, whatever its age. */
  | { type: 'chosenAgain'; at: number }
  /** The view was shown again (a hidden side panel, the window focused): read again if the copy is old. */
  | { type: 'shownAgain'; at: number }
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
  readAt: 0,
  loadError: null,
  version: 0,
  editing: null,
  changedElsewhere: false,
  returnFocus: null,
  status: null,
  undo: null,
  writing: false,
});

const etagOf = (customer: Customer, kind: FormKind) => customer[RESOURCES[kind].field].etag ?? '';

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
    case 'loaded': {
      const { customer, at } = event;
      const { editing } = state;
      const changed = editing !== null && etagOf(customer, editing.kind) !== editing.etag;
      return { ...state, customer, readAt: at, changedElsewhere: state.changedElsewhere || changed };
    }
    case 'loadFailed':
      return { ...state, loadError: event.message };
    case 'changeAnnounced':
    case 'chosenAgain':
      return { ...state, version: event.at };
    case 'shownAgain':
      return state.customer && event.at - state.readAt > STALE_AFTER_MS ? { ...state, version: event.at } : state;
    case 'editOpened': {
      const { kind, draft } = event;
      // A draft was made against the version it names; a fresh edit against the copy shown.
      const etag = draft?.etag ?? (state.customer ? etagOf(state.customer, kind) : '');
      return { ...state, editing: { kind, draft, etag }, changedElsewhere: false, returnFocus: null, status: null };
    }
    case 'formClosed': {
      const closed = { ...state, editing: null, changedElsewhere: false };
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
