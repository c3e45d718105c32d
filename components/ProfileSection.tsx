import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import type { Action, RoleId } from '@/domain/roles';
import type { MessageKey } from '@/locales/en';
import { denial } from '@/utils/denial';
import { t } from '@/utils/i18n';

interface Props {
  title: MessageKey;
  editLabel: MessageKey;
  /** The right the edit button needs; without it the button is disabled and says why. */
  action: Action;
  role: RoleId | undefined;
  /** Back from the form by Cancel: the edit button takes focus again. */
  returnFocus: boolean;
  onEdit: () => void;
  children: ComponentChildren;
}

/** A section of the Account page: a resource's details and the button that opens its form. */
export function ProfileSection({ title, editLabel, action, role, returnFocus, onEdit, children }: Props) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const reason = denial(role, action);
  useEffect(() => {
    if (returnFocus) button.current?.focus();
  }, [returnFocus]);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t(title)}</h3>
      {children}
      <button
        ref={button}
        type="button"
        disabled={reason !== null}
        aria-describedby={reason ? `${id}-reason` : undefined}
        onClick={onEdit}
      >
        {t(editLabel)}
      </button>
      {reason && (
        <p id={`${id}-reason`} class="reason">
          {reason}
        </p>
      )}
    </section>
  );
}
