import { useRef, useState } from 'preact/hooks';
import type { FormKind, Resources } from '@/domain/resources';
import { currentBackend } from '@/services/backends';
import { type Draft, discardDraft, saveDraft } from '@/services/drafts';
import { editSession, openSession, type Saved } from '@/state/edit-session/form';
import { formEffects, type PreCheck } from '@/state/edit-session/form-effects';
import { type FieldErrors, type FormValues, toValues } from '@/state/edit-session/form-model';
import { createStore } from '@/state/store';
import { useStore } from './use-store';

export interface SessionProps<K extends FormKind> {
  customerId: string;
  kind: K;
  /** The fields the form edits, by dotted path. */
  paths: readonly string[];
  /** The freshest copy of the resource, with its `etag`. */
  resource: Resources[K];
  draft: Draft | null;
  validate: (values: FormValues) => FieldErrors;
  preCheck?: (values: FormValues, changed: string[]) => Promise<PreCheck | null>;
  onClose: (saved: Saved<K> | null) => void;
}

/** A form's edit session wired to the API and extension storage: its state, `dispatch`, and the effects. */
export function useFormSession<K extends FormKind>(props: SessionProps<K>) {
  const latest = useRef(props);
  latest.current = props;
  const [{ store, effects }] = useState(() => {
    const fresh = () => {
      const { resource, paths } = latest.current;
      return { values: toValues(resource, paths), etag: resource.etag ?? '' };
    };
    const { values, etag } = fresh();
    const store = createStore(editSession, openSession(values, etag, props.draft));
    const effects = formEffects(store, () => {
      const { customerId, kind, validate, preCheck, onClose } = latest.current;
      return {
        kind,
        validate,
        preCheck,
        send: async (patch: object, ifMatch: string) =>
          (await currentBackend()).write(customerId, kind, patch, ifMatch),
        saveDraft: (draft: Omit<Draft, 'savedAt'>) => saveDraft(customerId, kind, draft),
        discardDraft: () => discardDraft(customerId, kind),
        fresh,
        onClose,
      };
    });
    return { store, effects };
  });
  return { session: useStore(store), dispatch: store.dispatch, ...effects };
}
