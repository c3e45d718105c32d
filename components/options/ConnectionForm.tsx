import { useId } from 'preact/hooks';
import { useStorageItem } from '@/hooks/use-storage-item';
import { t } from '@/services/i18n';
import { type Connection, connectionItem } from '@/services/storage';
import { RoleSelect } from '../RoleSelect';
import { ApiAddressForm } from './ApiAddressForm';
import { PartnerCenterForm } from './PartnerCenterForm';

const CONNECTIONS: readonly Connection[] = ['mock', 'partnerCenter'];

/** Which backend the views talk to, and that backend's settings: the mock's role and address, or Partner Center's. */
export function ConnectionForm() {
  const connection = useStorageItem(connectionItem);
  const legend = useId();
  if (!connection) return null;
  return (
    <>
      <div class="connection" role="radiogroup" aria-labelledby={legend}>
        <span id={legend}>{t('connection')}</span>
        {CONNECTIONS.map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="connection"
              value={choice}
              checked={connection === choice}
              onChange={() => void connectionItem.setValue(choice)}
            />
            {t(`connection.${choice}`)}
          </label>
        ))}
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
