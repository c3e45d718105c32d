import { useId } from 'preact/hooks';
import { useSettings } from '@/hooks/use-settings';
import { t } from '@/services/i18n';
import { CONNECTIONS, connectionItem } from '@/services/storage';
import { ManagedNote } from '../ManagedNote';
import { RoleSelect } from '../RoleSelect';
import { ApiAddressForm } from './ApiAddressForm';
import { PartnerCenterForm } from './PartnerCenterForm';

/**
 * Which backend the views talk to (the agent's choice, or the organisation's, locked), and that backend's settings:
 * the mock's role and address, or Partner Center's.
 */
export function ConnectionForm() {
  const settings = useSettings();
  const legend = useId();
  const note = useId();
  if (!settings) return null;
  const { connection } = settings;
  const locked = settings.managed.has('connection');
  return (
    <>
      <div
        class="connection"
        role="radiogroup"
        aria-labelledby={legend}
        aria-describedby={locked ? note : undefined}
        aria-readonly={locked || undefined}
      >
        <span id={legend}>{t('connection')}</span>
        {CONNECTIONS.map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="connection"
              value={choice}
              checked={connection === choice}
              disabled={locked}
              onChange={() => void connectionItem.setValue(choice)}
            />
            {t(`connection.${choice}`)}
          </label>
        ))}
        {locked && <ManagedNote id={note} />}
      </div>
      {connection === 'partnerCenter' ? (
        <PartnerCenterForm />
      ) : (
        <>
          <RoleSelect />
          <ApiAddressForm />
        </>
      )}
    </>
  );
}
