/** The background's sign-in service, wired to the browser: the identity window, storage, the views' messages. */
import type { SignIn } from '@/state/sign-in';
import { readSettings } from '../settings/settings';
import { answer, isSignInRequest } from './messages';
import { refreshTokens, signInInteractively } from './oauth';
import { signInService } from './service';
import { signInItem } from './session-item';

/** The sign-in window; not `interactive`, the browser loads the address unseen and fails where it would need UI. */
async function launchWindow(url: string, interactive = true): Promise<string> {
  const redirected = await browser.identity.launchWebAuthFlow({ url, interactive });
  if (!redirected) throw new Error('The sign-in window closed without an answer.');
  return redirected;
}

/** Renews tokens when due, before any request needs them: the browser wakes the background for it. */
const RENEW_ALARM = 'sign-in-renewal';

export function serveSignIn(): void {
  const service = signInService({
    // The organisation's connection where it set one (docs/deploying.md).
    settings: async () => (await readSettings()).partnerCenter,
    load: () => signInItem.getValue(),
    save: (state) => signInItem.setValue(state),
    // Chrome: https://<extension id>.chromiumapp.org/, Firefox: https://<hash>.extensions.allizom.org/.
    interactive: (settings, prompt) =>
      signInInteractively(settings, launchWindow, browser.identity.getRedirectURL(), Date.now, prompt),
    silent: (settings, loginHint) =>
      signInInteractively(
        settings,
        (url) => launchWindow(url, false),
        browser.identity.getRedirectURL(),
        Date.now,
        'none',
        loginHint,
      ),
    refresh: (settings, refreshToken) => refreshTokens(settings, refreshToken, Date.now),
    now: Date.now,
  });
  // Woken up (browser start, the machine resumed, the worker restarted): tokens that fell due meanwhile are renewed
  // now; afterwards, the alarm renews them shortly before they expire (state/sign-in.ts, refreshAt).
  void service.started().then(service.renewIfDue);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RENEW_ALARM) void service.renewIfDue();
  });
  const schedule = (state: SignIn | null) => {
    if (state?.tokens) void browser.alarms.create(RENEW_ALARM, { when: state.tokens.refreshAt });
    else void browser.alarms.clear(RENEW_ALARM);
  };
  void signInItem.getValue().then(schedule);
  signInItem.watch(schedule);
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id || !isSignInRequest(message)) return;
    answer(service, message).then(sendResponse, (error: unknown) => sendResponse({ error: String(error) }));
    // The answer comes later: keep the channel open (the form every browser understands).
    return true;
  });
}
