/**
 * The side effects of a form's edit session, kept thin: the check before sending, the write, the draft in
 * extension storage. Each one reads the session's state and dispatches what it found; the decisions are in form.ts.
 */
import type { FormKind, Resources } from '@/domain/resources';
import { ApiError } from '@/services/api-client';
import type { Draft } from '@/services/drafts';
import { errorMessage } from '@/services/error-message';
import type { Store } from '../store';
import { draftOf, type EditSession, type MergeChoice, outgoing, type Saved, type SessionEvent } from './form';
import { editedPaths, type FieldErrors, type FormValues, toValues } from './form-model';

/** What a check before sending found: field errors, and a value set the agent may take instead. */
export interface PreCheck {
  errors: FieldErrors;
  suggestion: FormValues | null;
}

/** What a session needs from outside: the form's rules, the API, the draft's storage and the view that opened it. */
export interface FormDeps<K extends FormKind> {
  kind: K;
  validate: (values: FormValues) => FieldErrors;
  preCheck?: (values: FormValues, changed: string[]) => Promise<PreCheck | null>;
  /** A merge patch sent with If-Match; answers the resource as saved, with its new ETag. */
  send: (patch: object, ifMatch: string) => Promise<Resources[K]>;
  saveDraft: (draft: Omit<Draft, 'savedAt'>) => Promise<void>;
  discardDraft: () => Promise<void>;
  /** The freshest copy of the resource as form values, with its ETag. */
  fresh: () => { values: FormValues; etag: string };
  onClose: (saved: Saved<K> | null) => void;
}

type FormSession = Store<EditSession, SessionEvent>;

/** A failed write as the session's event: a 412 merges, field errors go to their fields, the rest is a message. */
function failureEvent(error: unknown, paths: readonly string[]): SessionEvent {
  const body = error instanceof ApiError ? error.body : null;
  if (error instanceof ApiError && error.status === 412 && body?.current) {
    const current = body.current as { etag?: string };
    return { type: 'conflicted', theirs: toValues(current, paths), etag: current.etag ?? '' };
  }
  const notice = { text: errorMessage(error) };
  return body?.error.fields ? { type: 'rejected', errors: body.error.fields, notice } : { type: 'failed', notice };
}

const sameDraft = (a: Omit<Draft, 'savedAt'> | null, b: Omit<Draft, 'savedAt'> | null) =>
  a?.values === b?.values && a?.base === b?.base && a?.etag === b?.etag;

/** `deps` is read at each use, so the latest props of the form apply. */
export function formEffects<K extends FormKind>(session: FormSession, deps: () => FormDeps<K>) {
  // The draft follows the state: kept while there is an unsent edit, removed once there is none. Writes queue up
  // so that storage ends as the state did.
  let draftWritten: Promise<void> = Promise.resolve();
  session.subscribe((state, previous) => {
    const draft = draftOf(state);
    if (sameDraft(draft, draftOf(previous))) return;
    const write = () => (draft ? deps().saveDraft(draft) : deps().discardDraft());
    draftWritten = draftWritten.then(write, write);
  });

  async function close(saved: Saved<K> | null) {
    // The draft's last write lands before the form goes: a popup closed right after never brings it back.
    await draftWritten.catch(() => undefined);
    deps().onClose(saved);
  }

  /** The check before sending (the address); what it finds turns the submit back to the agent. */
  async function preChecked(values: FormValues, base: FormValues): Promise<boolean> {
    try {
      const check = await deps().preCheck?.(values, editedPaths(values, base));
      if (!check || (!Object.keys(check.errors).length && !check.suggestion)) return true;
      session.dispatch({ type: 'rejected', ...check, notice: { key: 'form.fixErrors' } });
    } catch (error) {
      session.dispatch({ type: 'failed', notice: { text: errorMessage(error) } });
    }
    return false;
  }

  /** After Submit or a merge: writes what the state says is ready, or closes when nothing is left to send. */
  async function proceed() {
    const state = session.getState();
    if (state.status === 'closed') {
      await close(null);
      return;
    }
    if (state.status !== 'sending') return;
    const { patch, ifMatch, undo } = outgoing(state);
    let resource: Resources[K];
    try {
      resource = await deps().send(patch, ifMatch);
    } catch (error) {
      session.dispatch(failureEvent(error, Object.keys(state.base)));
      return;
    }
    session.dispatch({ type: 'saved' });
    await close({ kind: deps().kind, resource, undo });
  }

  return {
    async submit() {
      const { values, base, status } = session.getState();
      if (status !== 'editing') return;
      session.dispatch({ type: 'submitted', errors: deps().validate(values) });
      if (session.getState().status === 'sending' && !(await preChecked(values, base))) return;
      await proceed();
    },
    async resolve(choices: Record<string, MergeChoice>) {
      session.dispatch({ type: 'merged', choices });
      await proceed();
    },
    async cancel() {
      session.dispatch({ type: 'cancelled' });
      await close(null);
    },
    discard() {
      session.dispatch({ type: 'discarded', ...deps().fresh() });
    },
  };
}
