import { useRef, useState } from 'preact/hooks';
import { useSettings } from '@/hooks/use-settings';
import { t } from '@/services/i18n';
import { originPattern, parseApiAddress } from '@/services/settings/api-address';
import { checkConnection } from '@/services/settings/check-connection';
import { apiBaseItem, DEFAULT_API_BASE } from '@/services/storage';
import { ManagedNote } from '../ManagedNote';

/**
 * "API address" with Save and "Test connection"; both report in one live region. The organisation's address is
 * shown read-only, without Save: nothing else is asked for.
 */
export function ApiAddressForm() {
  const settings = useSettings();
  // null while the agent has not typed: the field shows what is in force.
  const [typed, setTyped] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [status, setStatus] = useState('');
  const locked = settings?.managed.has('apiAddress');
  const address = (locked ? null : typed) ?? settings?.apiBase ?? '';
  const field = useRef<HTMLInputElement>(null);

  /** The typed address as a URL, or null after marking the field invalid and focusing it. */
  function validAddress(): URL | null {
    const url = parseApiAddress(address);
    setInvalid(!url);
    if (!url) {
      setStatus('');
      field.current?.focus();
    }
    return url;
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    // Enter in the read-only field still submits: the agent's own address stays as it was.
    if (locked) return;
    const url = validAddress();
    if (!url) return;
    // Asked before any other await: browsers grant it only during the click. Loopback is granted by the manifest.
    const granted = await browser.permissions.request({ origins: [originPattern(url)] }).catch(() => false);
    if (!granted) {
      setStatus(t('permissionDenied', { origin: url.origin }));
      return;
    }
    await apiBaseItem.setValue(url.origin);
    setTyped(null);
    setStatus(t('saved'));
  }

  async function test() {
    const url = validAddress();
    if (!url) return;
    setStatus(t('testingConnection', { address: url.origin }));
    setStatus(await checkConnection(url));
  }

  return (
    <form class="api-address" onSubmit={(event) => void save(event)} noValidate>
      <label for="api-address">{t('apiAddress')}</label>
      <input
        ref={field}
        id="api-address"
        type="url"
        value={address}
        readOnly={locked}
        onInput={(event) => setTyped(event.currentTarget.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? 'api-address-error api-address-hint' : 'api-address-hint'}
      />
      {invalid && (
        <p id="api-address-error" class="field-error">
          {t('apiAddressInvalid')}
        </p>
      )}
      {locked ? (
        <ManagedNote id="api-address-hint" />
      ) : (
        <p id="api-address-hint" class="hint">
          {t('apiAddressHint', { example: DEFAULT_API_BASE })}
        </p>
      )}
      <div class="actions">
        {!locked && (
          <button type="submit" class="primary">
            {t('save')}
          </button>
        )}
        <button type="button" onClick={() => void test()}>
          {t('testConnection')}
        </button>
      </div>
      <p role="status" class="options-status">
        {status}
      </p>
    </form>
  );
}
