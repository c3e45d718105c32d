import { useRef, useState } from 'preact/hooks';
import { useSettings } from '@/hooks/use-settings';
import { useStorageItem } from '@/hooks/use-storage-item';
import { t } from '@/services/i18n';
import type { ManagedKey } from '@/services/settings/managed-keys';
import { checkSettings, type SettingsErrors } from '@/services/settings/partner-center-settings';
import { signOut, startSignIn } from '@/services/sign-in/client';
import { signInStatus } from '@/services/sign-in/describe';
import { askSignInPermissions, signInOrigins } from '@/services/sign-in/permissions';
import { signInItem } from '@/services/sign-in/session-item';
import { PARTNER_CENTER_DEFAULTS, type PartnerCenterSettings, partnerCenterItem } from '@/services/storage';
import { FormField } from '../FormField';

type Key = keyof PartnerCenterSettings;
/** Each field, and the organisation's key that may set it (docs/deploying.md). */
const FIELDS: {
  key: Key;
  label: 'apiAddress' | 'signInAddress' | 'applicationId';
  type: 'url' | 'text';
  managedBy: ManagedKey;
}[] = [
  { key: 'apiBase', label: 'apiAddress', type: 'url', managedBy: 'apiAddress' },
  { key: 'signInAddress', label: 'signInAddress', type: 'url', managedBy: 'signInAddress' },
  { key: 'clientId', label: 'applicationId', type: 'text', managedBy: 'applicationId' },
];

function hint(key: Key): string {
  if (key === 'apiBase') return t('pc.apiAddressHint', { example: PARTNER_CENTER_DEFAULTS.apiBase });
  if (key === 'signInAddress') return t('signInAddressHint', { example: PARTNER_CENTER_DEFAULTS.signInAddress });
  // The address the partner registers for this extension in Entra ID (its redirect URI).
  return t('applicationIdHint', { uri: browser.identity.getRedirectURL() });
}

/**
 * The Partner Center connection: API address, sign-in address and Application ID, with "Sign in" (which saves them,
 * asks for the host permissions and opens the sign-in window) and "Sign out". Signed in, the fields are read-only;
 * so is a field the organisation set, showing its value over the agent's own (kept, not overwritten).
 */
export function PartnerCenterForm() {
  const saved = useStorageItem(partnerCenterItem);
  const settings = useSettings();
  const state = useStorageItem(signInItem);
  const [typed, setTyped] = useState<Partial<PartnerCenterSettings>>({});
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  if (!saved || !settings || !state) return null;
  const locked = new Set(FIELDS.filter((f) => settings.managed.has(f.managedBy)).map((f) => f.key));
  const values = { ...saved, ...typed };
  for (const key of locked) values[key] = settings.partnerCenter[key];
  const connected = state.status !== 'signedOut';

  async function signIn(event: SubmitEvent) {
    event.preventDefault();
    const { settings: checked, errors: found } = checkSettings(values);
    setErrors(found);
    setRefusal(null);
    if (!checked) {
      // After the render that marks them.
      setTimeout(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    // Asked first, while the click still counts as the agent's.
    const granted = await askSignInPermissions(checked, true);
    if (!granted) {
      setRefusal(t('pc.permissionDenied', { origins: signInOrigins(checked).join(', ') }));
      return;
    }
    // Only what the agent may change is theirs to keep; under the organisation's values their own stay as they were.
    const own = { ...saved! };
    for (const { key } of FIELDS) if (!locked.has(key)) own[key] = checked[key];
    await partnerCenterItem.setValue(own);
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
          readOnly={connected || locked.has(key)}
          hint={locked.has(key) ? t('managed.setBy') : connected ? t('pc.signOutToChange') : hint(key)}
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
