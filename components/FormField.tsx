import { useId } from 'preact/hooks';

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  label: string;
  value: string;
  error?: string;
  /** Help shown under the field and read with it. */
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'url';
  autocomplete?: string;
  choices?: Choice[];
  readOnly?: boolean;
  onInput?: (value: string) => void;
  onBlur?: (event: FocusEvent) => void;
}

/** A labelled input (or select) whose error is tied to it with aria-describedby and aria-invalid. */
export function FormField({
  label,
  value,
  error,
  hint,
  type = 'text',
  autocomplete,
  choices,
  readOnly,
  onInput,
  onBlur,
}: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [error && errorId, hint && hintId].filter(Boolean).join(' ');
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described || undefined,
    onBlur,
  };
  return (
    <div class={`field${readOnly ? ' read-only' : ''}`}>
      <label for={id}>{label}</label>
      {choices ? (
        <select {...common} value={value} onChange={(event) => onInput?.(event.currentTarget.value)}>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={type}
          list={undefined}
          autocomplete={autocomplete}
          value={value}
          readOnly={readOnly}
          onInput={(event) => onInput?.(event.currentTarget.value)}
        />
      )}
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
