import { useEffect, useId, useState } from 'preact/hooks';
import { useSettings } from '@/hooks/use-settings';
import { useStorageItem } from '@/hooks/use-storage-item';
import { onWait } from '@/services/backends/waits';
import { t } from '@/services/i18n';
import { startSignIn } from '@/services/sign-in/client';
import { roleName, signInStatus } from '@/services/sign-in/describe';
import { askSignInPermissions } from '@/services/sign-in/permissions';
import { signInItem } from '@/services/sign-in/session-item';

/** Seconds left of a wait Partner Center asked for (429), counting down; null when there is none. */
function useWait(): number | null {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => onWait(setUntil), []);
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? null : Math.max(0, Math.ceil((until - now) / 1000));
}

/**
 * The header with the Partner Center connection: the signed-in account's name and role; otherwise why not, and
 * "Sign in" (again, after an expiry or when MFA is required: the window then asks for the sign-in afresh).
 */
export function PartnerCenterAccount() {
  const state = useStorageItem(signInItem);
  const settings = useSettings()?.partnerCenter;
  const wait = useWait();
  const reasonId = useId();
  if (!state || !settings) return null;
  const { account } = state;

  async function signIn() {
    // From the click: the origins were granted at the first sign-in (options page), so nothing is asked again.
    if (!(await askSignInPermissions(settings!, false))) return;
    // After "MFA required" the window asks for the sign-in afresh, so the second factor is asked for too.
    await startSignIn(state?.problem?.kind === 'mfaRequired' ? 'login' : undefined);
  }

  const said = signInStatus(state);
  // One row like the mock's Role box: long text is cut short on screen, whole in its tooltip and for screen readers.
  return (
    <div class="pc-account">
      {state.status === 'signedIn' && account ? (
        <p class="pc-account-line" title={`${account.name} · ${roleName(account.role)}`}>
          {account.name} · {roleName(account.role)}
        </p>
      ) : state.status === 'signingIn' ? (
        <p role="status" class="pc-account-line" title={said}>
          {said}
        </p>
      ) : (
        <>
          {/* Why there is no sign-in: an alert when one ended or failed; the button says what to do about it. */}
          <p id={reasonId} role={state.problem ? 'alert' : 'status'} class="visually-hidden">
            {said}
          </p>
          <button type="button" title={said} aria-describedby={reasonId} onClick={() => void signIn()}>
            {t(account ? 'signIn.again' : 'signIn.signIn')}
          </button>
        </>
      )}
      <p role="status" class="pc-account-line pc-account-wait">
        {wait !== null && t('pc.waiting', { seconds: wait })}
      </p>
    </div>
  );
}
