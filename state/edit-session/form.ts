/**
 * One form's edit session as a pure model: its state and the named transitions an edit goes through
 * (docs/architecture.md, "An edit, end to end"). No DOM, storage or requests here: form-effects.ts performs those
 * and dispatches what they found, and the form renders the state.
 */
import type { FormKind, Resources } from '@/domain/resources';
import type { Draft } from '@/services/drafts';
import type { Notice } from '@/services/i18n';
import {
  type Conflict,
  editedPaths,
  type FieldErrors,
  type FormValues,
  mergePatch,
  mergeWithTheirs,
} from './form-model';

export type MergeChoice = 'mine' | 'theirs';

/** A 412 whose clashing fields wait for the agent; the colleague's values and ETag become the base once chosen. */
interface PendingMerge {
  conflicts: Conflict[];
  theirs: FormValues;
  etag: string;
}

export interface EditSession {
  /** What the form shows: the agent's text by dotted path. */
  values: FormValues;
  /** The values the edit started from, and their ETag: what a 412 is merged against. */
  base: FormValues;
  etag: string;
  /** Fields whose own errors are shown: those the agent has left, or every field after Submit. */
  touched: readonly string[];
  /** The API's messages by field (a 422 or the address check); a field's message goes when it is edited. */
  serverErrors: FieldErrors;
  /** An address the API suggests instead, offered and never applied unasked. */
  suggestion: FormValues | null;
  pending: PendingMerge | null;
  /** `sending` covers the check before sending and the write; `closed` once saved, cancelled or nothing to send. */
  status: 'editing' | 'sending' | 'closed';
  /** Shown in the form's alert: why a submit went back to the agent. */
  notice: Notice | null;
  /** When the draft the form reopened with was kept; null for a fresh form (or once the draft is discarded). */
  restoredAt: number | null;
  /** How many submits were turned back with field errors: each one moves focus to the first field to fix. */
  rejections: number;
}

/** What a form session left behind: the resource as saved, and the merge patch that writes the old values back. */
export interface Saved<K extends FormKind = FormKind> {
  kind: K;
  resource: Resources[K];
  undo: object;
}

export type SessionEvent =
  | { type: 'edited'; path: string; value: string }
  | { type: 'blurred'; path: string }
  | { type: 'suggestionTaken' }
  /** Submit pressed; `errors` are the client-side checks of the values as they are. */
  | { type: 'submitted'; errors: FieldErrors }
  /** The address check or the API (422) found field errors. */
  | { type: 'rejected'; errors: FieldErrors; suggestion?: FormValues | null; notice: Notice }
  /** Any other failed write: unreachable API, 403, 5xx. */
  | { type: 'failed'; notice: Notice }
  /** A 412: a colleague saved first; `theirs` is the resource as it is now. */
  | { type: 'conflicted'; theirs: FormValues; etag: string }
  /** The agent's choice for each clashing field. */
  | { type: 'merged'; choices: Record<string, MergeChoice> }
  | { type: 'mergeCancelled' }
  | { type: 'saved' }
  | { type: 'cancelled' }
  | { type: 'draftRestored'; draft: Draft }
  /** Discard draft: back to the resource as it is now. */
  | { type: 'discarded'; values: FormValues; etag: string };

export function openSession(values: FormValues, etag: string, draft: Draft | null = null): EditSession {
  const fresh: EditSession = {
    values,
    base: values,
    etag,
    touched: [],
    serverErrors: {},
    suggestion: null,
    pending: null,
    status: 'editing',
    notice: null,
    restoredAt: null,
    rejections: 0,
  };
  return draft ? editSession(fresh, { type: 'draftRestored', draft }) : fresh;
}

const hasAny = (errors: FieldErrors) => Object.keys(errors).length > 0;

/** Ready to send what the agent changed, or closed when nothing is left to send. */
function sendOrClose(state: EditSession): EditSession {
  return { ...state, status: editedPaths(state.values, state.base).length ? 'sending' : 'closed' };
}

function turnedBack(state: EditSession, notice: Notice): EditSession {
  return { ...state, status: 'editing', notice, rejections: state.rejections + 1 };
}

export function editSession(state: EditSession, event: SessionEvent): EditSession {
  switch (event.type) {
    case 'edited': {
      const { [event.path]: _answered, ...serverErrors } = state.serverErrors;
      return { ...state, values: { ...state.values, [event.path]: event.value }, serverErrors, suggestion: null };
    }
    case 'blurred':
      return state.touched.includes(event.path) ? state : { ...state, touched: [...state.touched, event.path] };
    case 'suggestionTaken':
      if (!state.suggestion) return state;
      return { ...state, values: { ...state.values, ...state.suggestion }, suggestion: null, serverErrors: {} };
    case 'submitted': {
      const submitted = { ...state, touched: Object.keys(state.values), notice: null };
      return hasAny(event.errors) ? turnedBack(submitted, { key: 'form.fixErrors' }) : sendOrClose(submitted);
    }
    case 'rejected':
      return turnedBack({ ...state, serverErrors: event.errors, suggestion: event.suggestion ?? null }, event.notice);
    case 'failed':
      return { ...state, status: 'editing', notice: event.notice };
    case 'conflicted': {
      const { values, conflicts } = mergeWithTheirs(state.base, state.values, event.theirs);
      if (conflicts.length)
        return { ...state, status: 'editing', values, pending: { conflicts, theirs: event.theirs, etag: event.etag } };
      // Nothing clashes: the colleague's values are now in the form; the agent looks and submits again.
      return {
        ...state,
        status: 'editing',
        values,
        base: event.theirs,
        etag: event.etag,
        notice: { key: 'form.mergedTheirs' },
      };
    }
    case 'merged': {
      const { pending } = state;
      if (!pending) return state;
      const values = { ...state.values };
      for (const c of pending.conflicts) values[c.path] = event.choices[c.path] === 'theirs' ? c.theirs : c.mine;
      return sendOrClose({ ...state, values, base: pending.theirs, etag: pending.etag, pending: null });
    }
    case 'mergeCancelled':
      return { ...state, pending: null };
    case 'saved':
    case 'cancelled':
      return { ...state, status: 'closed' };
    case 'draftRestored': {
      const { values, base, etag, savedAt } = event.draft;
      return { ...state, values, base, etag, restoredAt: savedAt };
    }
    case 'discarded':
      return {
        ...state,
        values: event.values,
        base: event.values,
        etag: event.etag,
        restoredAt: null,
        serverErrors: {},
        suggestion: null,
      };
  }
}

/** The errors the form shows: the client-side ones of fields the agent has left, and the API's. */
export function shownErrors(state: EditSession, clientErrors: FieldErrors): FieldErrors {
  const touched = Object.entries(clientErrors).filter(([path]) => state.touched.includes(path));
  return { ...Object.fromEntries(touched), ...state.serverErrors };
}

/** What extension storage keeps for this form: the unsent edit, or nothing once there is none (or the form closed). */
export function draftOf(state: EditSession): Omit<Draft, 'savedAt'> | null {
  if (state.status === 'closed' || !editedPaths(state.values, state.base).length) return null;
  return { values: state.values, base: state.base, etag: state.etag };
}

/** The write of the agent's changes: only what changed, the ETag it started from, and the patch that undoes it. */
export function outgoing(state: EditSession): { patch: object; ifMatch: string; undo: object } {
  return {
    patch: mergePatch(state.values, state.base),
    ifMatch: state.etag,
    undo: mergePatch(state.base, state.values),
  };
}
