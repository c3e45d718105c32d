import { useId, useState } from 'preact/hooks';
import { t } from '@/services/i18n';
import type { MergeChoice } from '@/state/edit-session/form';
import type { Conflict } from '@/state/edit-session/form-model';
import { differingPart } from '@/utils/text-diff';
import { ModalDialog } from './ModalDialog';

interface Props {
  conflicts: Conflict[];
  label: (path: string) => string;
  onResolve: (choices: Record<string, MergeChoice>) => void;
  onCancel: () => void;
}

const CHOICES: readonly { choice: MergeChoice; name: 'conflict.useTheirs' | 'conflict.keepMine' }[] = [
  { choice: 'theirs', name: 'conflict.useTheirs' },
  { choice: 'mine', name: 'conflict.keepMine' },
];

/** A value with the part that differs from the other side marked; customer text stays text. */
function Value({ value, other, id }: { value: string; other: string; id: string }) {
  if (!value)
    return (
      <span id={id} class="conflict-value empty">
        {t('empty')}
      </span>
    );
  const [head, middle, tail] = differingPart(value, other);
  return (
    <span id={id} class="conflict-value">
      {head}
      {middle && <mark>{middle}</mark>}
      {tail}
    </span>
  );
}

/**
 * After a 412: per field both the agent and a colleague changed, a group of two radios named by the field (its
 * fieldset's legend) — "Use theirs" or "Keep my changes" — with the two values side by side and what differs marked. With several fields, one choice can
 * be made for all. Submit sends the merge once every field has a choice.
 */
export function ConflictDialog({ conflicts, label, onResolve, onCancel }: Props) {
  const [choices, setChoices] = useState<Record<string, MergeChoice>>({});
  const [asked, setAsked] = useState(false);
  const id = useId();
  const unchosen = conflicts.findIndex((c) => !choices[c.path]);

  function submit() {
    if (unchosen < 0) {
      onResolve(choices);
      return;
    }
    // Say what is missing, and go to the first field without a choice.
    setAsked(true);
    document.getElementById(`${id}-${unchosen}-theirs`)?.focus();
  }

  // The dialog sits inside the edit form: Enter on a choice submits this merge, never the form behind it.
  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    submit();
  }

  return (
    <ModalDialog title={t('conflict.title')} onCancel={onCancel}>
      <p>{t('conflict.explain')}</p>
      {conflicts.length > 1 && (
        <fieldset class="conflict-all">
          <legend>{t('conflict.forAll')}</legend>
          {CHOICES.map(({ choice, name }) => (
            <button
              key={choice}
              type="button"
              onClick={() => setChoices(Object.fromEntries(conflicts.map((c) => [c.path, choice])))}
            >
              {t(name)}
            </button>
          ))}
        </fieldset>
      )}
      {conflicts.map((c, index) => {
        const group = `${id}-${index}`;
        const missing = asked && !choices[c.path];
        return (
          <fieldset
            key={c.path}
            class="conflict"
            aria-invalid={missing || undefined}
            aria-describedby={missing ? `${id}-missing` : undefined}
          >
            <legend>{label(c.path)}</legend>
            <div class="conflict-choices">
              {CHOICES.map(({ choice, name }) => {
                const value = choice === 'theirs' ? c.theirs : c.mine;
                const other = choice === 'theirs' ? c.mine : c.theirs;
                return (
                  <label key={choice} class="conflict-choice">
                    <span class="conflict-choice-name">
                      <input
                        id={`${group}-${choice}`}
                        type="radio"
                        name={group}
                        checked={choices[c.path] === choice}
                        aria-labelledby={`${group}-${choice}-name`}
                        aria-describedby={`${group}-${choice}-value`}
                        onChange={() => setChoices({ ...choices, [c.path]: choice })}
                        onKeyDown={onKeyDown}
                      />
                      <span id={`${group}-${choice}-name`}>{t(name)}</span>
                    </span>
                    <Value value={value} other={other} id={`${group}-${choice}-value`} />
                  </label>
                );
              })}
            </div>
          </fieldset>
        );
      })}
      <p id={`${id}-missing`} role="alert" class="error">
        {asked && unchosen >= 0 && t('conflict.chooseEach')}
      </p>
      <div class="actions">
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" class="primary" onClick={submit}>
          {t('submit')}
        </button>
      </div>
    </ModalDialog>
  );
}
