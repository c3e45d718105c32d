import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { type FormKind, RESOURCES } from '@/domain/resources';
import type { RoleId } from '@/domain/roles';
import { denial } from '@/services/denial';
import { t } from '@/services/i18n';

interface Props {
  kind: FormKind;
  /** Without the right to edit this resource, the edit button is disabled and says why. */
  role: RoleId | null | undefined;
  /** Why the resource cannot be edited at all through this connection (Partner Center's company details). */
  readOnly?: string;
  /** The resource is not read yet (the list's summary is shown): nothing to edit until it is. */
  pending?: boolean;
  /** Back from the form by Cancel: the edit button takes focus again. */
  returnFocus: boolean;
  onEdit: (kind: FormKind) => void;
  children: ComponentChildren;
}

/** A card of the Account page: a resource's title with the button that opens its form, then its details. */
export function ProfileSection({ kind, role, readOnly, pending = false, returnFocus, onEdit, children }: Props) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const reason = readOnly ?? denial(role, RESOURCES[kind].right);
  useEffect(() => {
    if (returnFocus) button.current?.focus();
  }, [returnFocus]);
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <div class="card-header">
        <h3 id={`${id}-title`}>{t(`${kind}.title`)}</h3>
        <button
          ref={button}
          type="button"
          disabled={reason !== null || pending}
          aria-describedby={reason ? `${id}-reason` : undefined}
          onClick={() => onEdit(kind)}
        >
          {t(`${kind}.edit`)}
        </button>
      </div>
      {children}
      {reason && (
        <p id={`${id}-reason`} class="reason">
          {reason}
        </p>
      )}
    </section>
  );
}
