import { useEffect, useId, useRef } from 'preact/hooks';
import type { FormKind } from '@/domain/resources';
import { type SessionProps, useFormSession } from '@/hooks/use-form-session';
import { useModule } from '@/hooks/use-module';
import type { MessageKey } from '@/locales/en';
import { noticeText, t } from '@/services/i18n';
import { shownErrors } from '@/state/edit-session/form';
import type { FormValues } from '@/state/edit-session/form-model';
import { DraftNotice } from './DraftNotice';
import { type Choice, FormField } from './FormField';
import { SuggestedAddress } from './SuggestedAddress';

export interface FieldSpec {
  path: string;
  label: MessageKey;
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  choices?: (values: FormValues) => Choice[];
}

interface ResourceFormProps<K extends FormKind> extends Omit<SessionProps<K>, 'paths'> {
  title: MessageKey;
  fields: readonly FieldSpec[];
  readOnly?: { label: MessageKey; value: string }[];
}

const loadConflictDialog = () => import('./ConflictDialog');

/** One edit form for a resource: it renders its edit session (state/edit-session/) and dispatches what the agent does. */
export function ResourceForm<K extends FormKind>(props: ResourceFormProps<K>) {
  const { fields } = props;
  const { session, dispatch, ...act } = useFormSession({ ...props, paths: fields.map((f) => f.path) });
  const form = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const ConflictDialog = useModule(loadConflictDialog, session.pending !== null)?.ConflictDialog;
  const errors = shownErrors(session, props.validate(session.values));

  // A submit turned back: focus goes to the first field to fix.
  useEffect(() => {
    if (session.rejections) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [session.rejections]);

  function leave(path: string, event: FocusEvent) {
    // Focus moving to Submit or Cancel: an error appearing now would shift the button away from the click.
    const next = event.relatedTarget;
    if (next instanceof HTMLButtonElement && form.current?.contains(next)) return;
    dispatch({ type: 'blurred', path });
  }

  function submit(event: Event) {
    event.preventDefault();
    void act.submit();
  }

  const label = (path: string) => t(fields.find((f) => f.path === path)!.label);

  return (
    <form ref={form} class="resource-form" aria-labelledby={titleId} noValidate onSubmit={submit}>
      <h3 id={titleId}>{t(props.title)}</h3>
      {session.restoredAt !== null && <DraftNotice savedAt={session.restoredAt} onDiscard={act.discard} />}
      {props.readOnly?.map((f) => (
        <FormField key={f.label} label={t(f.label)} value={f.value} readOnly />
      ))}
      {fields.map((f) => (
        <FormField
          key={f.path}
          label={t(f.label)}
          type={f.type}
          autocomplete={f.autocomplete}
          choices={f.choices?.(session.values)}
          value={session.values[f.path]}
          error={errors[f.path]}
          onInput={(value) => dispatch({ type: 'edited', path: f.path, value })}
          onBlur={(event) => leave(f.path, event)}
        />
      ))}
      {session.suggestion && (
        <SuggestedAddress suggestion={session.suggestion} onTake={() => dispatch({ type: 'suggestionTaken' })} />
      )}
      <p role="alert" class="error">
        {session.notice && noticeText(session.notice)}
      </p>
      <div class="actions">
        <button type="submit" class="primary" disabled={session.status === 'sending'}>
          {t('submit')}
        </button>
        <button type="button" onClick={() => void act.cancel()}>
          {t('cancel')}
        </button>
      </div>
      {session.pending && ConflictDialog && (
        <ConflictDialog
          conflicts={session.pending.conflicts}
          label={label}
          onResolve={(choices) => void act.resolve(choices)}
          onCancel={() => dispatch({ type: 'mergeCancelled' })}
        />
      )}
    </form>
  );
}
