import { useState } from 'preact/hooks';
import type { MergeChoice } from '@/utils/edit-session/form';
import type { Conflict } from '@/utils/form-model';
import { t } from '@/utils/i18n';
import { ModalDialog } from './ModalDialog';

interface Props {
  conflicts: Conflict[];
  label: (path: string) => string;
  onResolve: (choices: Record<string, MergeChoice>) => void;
  onCancel: () => void;
}

/**
 * After a 412: per field both the agent and a colleague changed, their value beside the agent's.
 * The choice for all comes first; choosing for each field resolves once every field has a choice.
 */
export function ConflictDialog({ conflicts, label, onResolve, onCancel }: Props) {
  const [choices, setChoices] = useState<Record<string, MergeChoice>>({});
  const all = (choice: MergeChoice) => onResolve(Object.fromEntries(conflicts.map((c) => [c.path, choice])));
  function choose(path: string, choice: MergeChoice) {
    const next = { ...choices, [path]: choice };
    setChoices(next);
    if (conflicts.every((c) => next[c.path])) onResolve(next);
  }
  return (
    <ModalDialog title={t('conflict.title')} onCancel={onCancel}>
      <p>{t('conflict.explain')}</p>
      <fieldset class="actions" aria-label={t('conflict.forAll')}>
        <button type="button" onClick={() => all('mine')}>
          {t('conflict.keepMine')}
        </button>
        <button type="button" onClick={() => all('theirs')}>
          {t('conflict.useTheirs')}
        </button>
      </fieldset>
      {conflicts.map((c) => (
        <fieldset key={c.path} class="conflict" aria-label={label(c.path)}>
          <h3>{label(c.path)}</h3>
          <dl>
            <dt>{t('conflict.theirValue')}</dt>
            <dd>{c.theirs || t('empty')}</dd>
            <dt>{t('conflict.yourValue')}</dt>
            <dd>{c.mine || t('empty')}</dd>
          </dl>
          <button type="button" aria-pressed={choices[c.path] === 'mine'} onClick={() => choose(c.path, 'mine')}>
            {t('conflict.keepMine')}
          </button>
          <button type="button" aria-pressed={choices[c.path] === 'theirs'} onClick={() => choose(c.path, 'theirs')}>
            {t('conflict.useTheirs')}
          </button>
        </fieldset>
      ))}
      <div class="actions">
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}
