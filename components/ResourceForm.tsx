import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { FormKind, Resources } from '@/domain/resources';
import type { MessageKey } from '@/locales/en';
import { ApiError, patchResource } from '@/utils/api-client';
import { type Draft, discardDraft, saveDraft } from '@/utils/drafts';
import { errorMessage } from '@/utils/error-message';
import {
  type Conflict,
  editedPaths,
  type FieldErrors,
  type FormValues,
  mergePatch,
  mergeWithTheirs,
  toValues,
} from '@/utils/form-model';
import { formatDateTime, t } from '@/utils/i18n';
import { useModule } from '@/utils/use-module';
import { type Choice, FormField } from './FormField';

export interface FieldSpec {
  path: string;
  label: MessageKey;
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  choices?: (values: FormValues) => Choice[];
}

/** What a check before sending found: field errors, and a value set the agent may take instead. */
export interface PreCheck {
  errors: FieldErrors;
  suggestion: FormValues | null;
}

export interface Saved<K extends FormKind = FormKind> {
  kind: K;
  resource: Resources[K];
  /** The merge patch that writes the previous values back (Undo). */
  undo: object;
}

export interface ResourceFormProps<K extends FormKind> {
  customerId: string;
  kind: K;
  title: MessageKey;
  fields: readonly FieldSpec[];
  /** The freshest copy of the resource, with its `etag`. */
  resource: Resources[K];
  draft: Draft | null;
  readOnly?: { label: MessageKey; value: string }[];
  validate: (values: FormValues) => FieldErrors;
  preCheck?: (values: FormValues, changed: string[]) => Promise<PreCheck | null>;
  onClose: (saved: Saved<K> | null) => void;
}

interface Pending {
  conflicts: Conflict[];
  values: FormValues;
  theirs: FormValues;
  etag: string;
}

const loadConflictDialog = () => import('./ConflictDialog');

/** One edit form for a resource: drafts, validation on blur and Submit, 422 fields, 412 merge, address check. */
export function ResourceForm<K extends FormKind>(props: ResourceFormProps<K>) {
  const { customerId, kind, fields, resource, draft } = props;
  const paths = fields.map((f) => f.path);
  const fresh = () => toValues(resource, paths);
  const [values, setValues] = useState<FormValues>(() => draft?.values ?? fresh());
  const [base, setBase] = useState<FormValues>(() => draft?.base ?? fresh());
  const [etag, setEtag] = useState(() => draft?.etag ?? resource.etag ?? '');
  const [restored, setRestored] = useState(draft !== null);
  const [blurred, setBlurred] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [suggestion, setSuggestion] = useState<FormValues | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [focusFirstError, setFocusFirstError] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const ConflictDialog = useModule(loadConflictDialog, pending !== null)?.ConflictDialog;

  const clientErrors = props.validate(values);
  const shownErrors: FieldErrors = {
    ...Object.fromEntries(Object.entries(clientErrors).filter(([path]) => blurred.has(path))),
    ...serverErrors,
  };

  useEffect(() => {
    if (focusFirstError) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusFirstError]);

  /** New values are kept as the draft at once, so closing the popup never loses them. */
  function keep(next: FormValues, from = base, tag = etag) {
    setValues(next);
    void saveDraft(customerId, kind, { values: next, base: from, etag: tag });
  }

  function edit(path: string, value: string) {
    keep({ ...values, [path]: value });
    setServerErrors(({ [path]: _, ...rest }) => rest);
    setSuggestion(null);
  }

  async function send(mine: FormValues, from: FormValues, ifMatch: string) {
    const patch = mergePatch(mine, from);
    if (!Object.keys(patch).length) {
      await discardDraft(customerId, kind);
      return props.onClose(null);
    }
    try {
      const saved = await patchResource(customerId, kind, patch, ifMatch);
      await discardDraft(customerId, kind);
      props.onClose({ kind, resource: saved, undo: mergePatch(from, mine) });
    } catch (error) {
      const body = error instanceof ApiError ? error.body : null;
      if (error instanceof ApiError && error.status === 412 && body?.current) {
        const current = body.current as { etag?: string };
        const theirs = toValues(current, paths);
        const merged = mergeWithTheirs(from, mine, theirs);
        if (merged.conflicts.length) {
          setValues(merged.values);
          return setPending({ ...merged, theirs, etag: current.etag ?? '' });
        }
        // Nothing clashes: the colleague's values are now in the form; the agent looks and submits again.
        setBase(theirs);
        setEtag(current.etag ?? '');
        keep(merged.values, theirs, current.etag ?? '');
        return setFailure(t('form.mergedTheirs'));
      }
      if (body?.error.fields) {
        setServerErrors(body.error.fields);
        setFocusFirstError((n) => n + 1);
      }
      setFailure(errorMessage(error));
    }
  }

  async function submit(event: Event) {
    event.preventDefault();
    setFailure(null);
    setBlurred(new Set(paths));
    if (Object.keys(clientErrors).length) {
      setFailure(t('form.fixErrors'));
      return setFocusFirstError((n) => n + 1);
    }
    setSending(true);
    try {
      const check = await props.preCheck?.(values, editedPaths(values, base));
      if (check && (Object.keys(check.errors).length || check.suggestion)) {
        setServerErrors(check.errors);
        setSuggestion(check.suggestion);
        setFailure(t('form.fixErrors'));
        return setFocusFirstError((n) => n + 1);
      }
      await send(values, base, etag);
    } finally {
      setSending(false);
    }
  }

  async function resolve(choices: Record<string, 'mine' | 'theirs'>) {
    if (!pending) return;
    const chosen = { ...pending.values };
    for (const c of pending.conflicts) chosen[c.path] = choices[c.path] === 'theirs' ? c.theirs : c.mine;
    setPending(null);
    setValues(chosen);
    setBase(pending.theirs);
    setEtag(pending.etag);
    setSending(true);
    try {
      await send(chosen, pending.theirs, pending.etag);
    } finally {
      setSending(false);
    }
  }

  function discard() {
    void discardDraft(customerId, kind);
    const current = fresh();
    setValues(current);
    setBase(current);
    setEtag(resource.etag ?? '');
    setRestored(false);
    setServerErrors({});
  }

  async function cancel() {
    await discardDraft(customerId, kind);
    props.onClose(null);
  }

  function leave(path: string, event: FocusEvent) {
    // Focus moving to Submit or Cancel: an error appearing now would shift the button away from the click.
    const next = event.relatedTarget;
    if (next instanceof HTMLButtonElement && form.current?.contains(next)) return;
    setBlurred((s) => (s.has(path) ? s : new Set(s).add(path)));
  }

  const label = (path: string) => t(fields.find((f) => f.path === path)!.label);

  return (
    <form
      ref={form}
      class="resource-form"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={titleId}>{t(props.title)}</h3>
      {restored && (
        <div role="status" class="notice">
          {t('draft.restored', { time: formatDateTime(draft!.savedAt) })}{' '}
          <button type="button" onClick={discard}>
            {t('draft.discard')}
          </button>
        </div>
      )}
      {props.readOnly?.map((f) => (
        <FormField key={f.label} label={t(f.label)} value={f.value} readOnly />
      ))}
      {fields.map((f) => (
        <FormField
          key={f.path}
          label={t(f.label)}
          type={f.type}
          autocomplete={f.autocomplete}
          choices={f.choices?.(values)}
          value={values[f.path]}
          error={shownErrors[f.path]}
          onInput={(value) => edit(f.path, value)}
          onBlur={(event) => leave(f.path, event)}
        />
      ))}
      {suggestion && (
        <fieldset class="notice" aria-label={t('address.suggested')}>
          <p>
            {t('address.suggested')}: {Object.values(suggestion).filter(Boolean).join(', ')}
          </p>
          <button
            type="button"
            onClick={() => {
              keep({ ...values, ...suggestion });
              setSuggestion(null);
              setServerErrors({});
            }}
          >
            {t('address.useSuggested')}
          </button>
        </fieldset>
      )}
      <p role="alert" class="error">
        {failure}
      </p>
      <div class="actions">
        <button type="submit" disabled={sending}>
          {t('submit')}
        </button>
        <button type="button" onClick={() => void cancel()}>
          {t('cancel')}
        </button>
      </div>
      {pending && ConflictDialog && (
        <ConflictDialog
          conflicts={pending.conflicts}
          label={label}
          onResolve={(choices) => void resolve(choices)}
          onCancel={() => setPending(null)}
        />
      )}
    </form>
  );
}
