import { useId } from 'preact/hooks';

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  label: string;
  value: string;
  error?: string;
  type?: 'text' | 'email' | 'tel';
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
  type = 'text',
  autocomplete,
  choices,
  readOnly,
  onInput,
  onBlur,
}: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
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
    </div>
  );
}
