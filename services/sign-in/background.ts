/** The background's sign-in service, wired to the browser: the identity window, storage, the views' messages. */
import { readSettings } from '../settings/settings';
import { answer, isSignInRequest } from './messages';
import { refreshTokens, signInInteractively } from './oauth';
import { signInService } from './service';
import { signInItem } from './session-item';

async function launchWindow(url: string): Promise<string> {
  const redirected = await browser.identity.launchWebAuthFlow({ url, interactive: true });
  if (!redirected) throw new Error('The sign-in window closed without an answer.');
  return redirected;
}

export function serveSignIn(): void {
  const service = signInService({
    // The organisation's connection where it set one (docs/deploying.md).
    settings: async () => (await readSettings()).partnerCenter,
    load: () => signInItem.getValue(),
    save: (state) => signInItem.setValue(state),
    // Chrome: https://<extension id>.chromiumapp.org/, Firefox: https://<hash>.extensions.allizom.org/.
    interactive: (settings, prompt) =>
      signInInteractively(settings, launchWindow, browser.identity.getRedirectURL(), Date.now, prompt),
    refresh: (settings, refreshToken) => refreshTokens(settings, refreshToken, Date.now),
    now: Date.now,
  });
  void service.started();
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id || !isSignInRequest(message)) return;
    answer(service, message).then(sendResponse, (error: unknown) => sendResponse({ error: String(error) }));
    // The answer comes later: keep the channel open (the form every browser understands).
    return true;
  });
}
