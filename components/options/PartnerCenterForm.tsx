import { useRef, useState } from 'preact/hooks';
import { useStorageItem } from '@/hooks/use-storage-item';
import { t } from '@/services/i18n';
import { checkSettings, type SettingsErrors } from '@/services/settings/partner-center-settings';
import { signOut, startSignIn } from '@/services/sign-in/client';
import { signInStatus } from '@/services/sign-in/describe';
import { askSignInPermissions, signInOrigins } from '@/services/sign-in/permissions';
import { signInItem } from '@/services/sign-in/session-item';
import { PARTNER_CENTER_DEFAULTS, type PartnerCenterSettings, partnerCenterItem } from '@/services/storage';
import { FormField } from '../FormField';

type Key = keyof PartnerCenterSettings;
const FIELDS: { key: Key; label: 'apiAddress' | 'signInAddress' | 'applicationId'; type: 'url' | 'text' }[] = [
  { key: 'apiBase', label: 'apiAddress', type: 'url' },
  { key: 'signInAddress', label: 'signInAddress', type: 'url' },
  { key: 'clientId', label: 'applicationId', type: 'text' },
];

function hint(key: Key): string {
  if (key === 'apiBase') return t('pc.apiAddressHint', { example: PARTNER_CENTER_DEFAULTS.apiBase });
  if (key === 'signInAddress') return t('signInAddressHint', { example: PARTNER_CENTER_DEFAULTS.signInAddress });
  // The address the partner registers for this extension in Entra ID (its redirect URI).
  return t('applicationIdHint', { uri: browser.identity.getRedirectURL() });
}

/**
 * The Partner Center connection: API address, sign-in address and Application ID, with "Sign in" (which saves them,
 * asks for the host permissions and opens the sign-in window) and "Sign out". Signed in, the fields are read-only.
 */
export function PartnerCenterForm() {
  const saved = useStorageItem(partnerCenterItem);
  const state = useStorageItem(signInItem);
  const [typed, setTyped] = useState<Partial<PartnerCenterSettings>>({});
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  if (!saved || !state) return null;
  const values = { ...saved, ...typed };
  const connected = state.status !== 'signedOut';

  async function signIn(event: SubmitEvent) {
    event.preventDefault();
    const { settings, errors: found } = checkSettings(values);
    setErrors(found);
    setRefusal(null);
    if (!settings) {
      // After the render that marks them.
      setTimeout(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    // Asked first, while the click still counts as the agent's.
    const granted = await askSignInPermissions(settings, true);
    if (!granted) {
      setRefusal(t('pc.permissionDenied', { origins: signInOrigins(settings).join(', ') }));
      return;
    }
    await partnerCenterItem.setValue(settings);
    setTyped({});
    await startSignIn();
  }

  return (
    <form ref={form} class="partner-center" noValidate onSubmit={(event) => void signIn(event)}>
      {FIELDS.map(({ key, label, type }) => (
        <FormField
          key={key}
          label={t(label)}
          type={type}
          value={values[key]}
          readOnly={connected}
          hint={connected ? t('pc.signOutToChange') : hint(key)}
          error={errors[key] && t(errors[key], { example: PARTNER_CENTER_DEFAULTS.signInAddress })}
          onInput={(value) => setTyped((now) => ({ ...now, [key]: value }))}
        />
      ))}
      <div class="actions">
        {connected ? (
          <button type="button" onClick={() => void signOut()}>
            {t('signIn.signOut')}
          </button>
        ) : (
          <button type="submit" class="primary">
            {t('signIn.signIn')}
          </button>
        )}
      </div>
      <p role="status" class="options-status">
        {refusal ?? signInStatus(state)}
      </p>
    </form>
  );
}
