// @vitest-environment node
/**
 * The sign-in without a browser: every transition of the model, and the background's service over fakes (the
 * sign-in window, the token endpoint, storage, the clock) — once-at-a-time sign-in and refresh, which token a view
 * gets, and what ends a sign-in.
 */
import { describe, expect, test, vi } from 'vitest';
import { type SignedIn, SignInError } from '@/services/sign-in/oauth';
import { type SignInDeps, signInService } from '@/services/sign-in/service';
import { PARTNER_CENTER_DEFAULTS } from '@/services/storage';
import { type Account, type SignIn, signedOut, signIn, type Tokens, tokensFrom, usableToken } from '@/state/sign-in';

const ann: Account = { name: 'Ann Lee', upn: 'ann@partner.test', role: 'sales-agent', tenantId: 'partner' };
const tokens = (n: number, now = 0): Tokens => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresAt: now + 3_600_000,
  refreshAt: now + 3_300_000,
});
const signedIn = (t = tokens(1)): SignIn => ({ status: 'signedIn', account: ann, tokens: t, problem: null });

describe('the model', () => {
  test('signing in: started, then succeeded with the tokens and the account', () => {
    const started = signIn(signedOut(), { type: 'started' });
    expect(started).toEqual({ ...signedOut(), status: 'signingIn' });
    expect(signIn(started, { type: 'succeeded', tokens: tokens(1), account: ann })).toEqual(signedIn());
  });

  test('a sign-in window that ends without tokens says why; a sign-in already in place stays', () => {
    const cancelled = signIn(signIn(signedOut(), { type: 'started' }), { type: 'failed', problem: 'cancelled' });
    expect(cancelled).toMatchObject({ status: 'signedOut', tokens: null, problem: { kind: 'cancelled' } });
    const again = signIn(signIn(signedIn(), { type: 'started' }), {
      type: 'failed',
      problem: 'refused',
      detail: 'AADSTS65001: consent required',
    });
    expect(again).toMatchObject({
      status: 'signedIn',
      tokens: tokens(1),
      problem: { kind: 'refused', detail: 'AADSTS65001: consent required' },
    });
  });

  test('a refresh replaces the tokens (and the account, which the new token names), unless signed out meanwhile', () => {
    const promoted = { ...ann, role: 'admin-agent' as const };
    expect(signIn(signedIn(), { type: 'refreshed', tokens: tokens(2), account: promoted })).toEqual({
      ...signedIn(tokens(2)),
      account: promoted,
    });
    expect(signIn(signedOut(), { type: 'refreshed', tokens: tokens(2), account: ann })).toEqual(signedOut());
  });

  test('an ended sign-in drops the tokens and keeps whose it was, with the reason', () => {
    for (const problem of ['expired', 'mfaRequired'] as const)
      expect(signIn(signedIn(), { type: 'ended', problem })).toEqual({
        status: 'signedOut',
        account: ann,
        tokens: null,
        problem: { kind: problem, detail: undefined },
      });
  });

  test('signing out forgets everything', () => {
    expect(signIn(signedIn(), { type: 'signedOut' })).toEqual(signedOut());
  });

  test('tokens are refreshed when a fifth of their life is left, at most five minutes before they expire', () => {
    const hour = tokensFrom({ access_token: 'a', refresh_token: 'r', expires_in: 3600 }, 1000);
    expect(hour).toEqual({ accessToken: 'a', refreshToken: 'r', expiresAt: 3_601_000, refreshAt: 3_301_000 });
    const short = tokensFrom({ access_token: 'a', expires_in: 5 }, 0, 'kept');
    expect(short).toEqual({ accessToken: 'a', refreshToken: 'kept', expiresAt: 5000, refreshAt: 4000 });
  });

  test('the token to send: the kept one until its refresh is due, none when signed out', () => {
    expect(usableToken(signedIn(), 0)).toBe('access-1');
    expect(usableToken(signedIn(), 3_300_000)).toBeNull();
    expect(usableToken(signedOut(), 0)).toBeNull();
  });
});

/** The service over fakes: storage is a variable, the clock is `clock.now`, the authority answers as told. */
function service(initial: SignIn = signedOut(), overrides: Partial<SignInDeps> = {}) {
  let stored = initial;
  const clock = { now: 0 };
  let issued = 1;
  const fresh = (): SignedIn => ({ tokens: tokens(++issued, clock.now), account: ann });
  const deps: SignInDeps = {
    settings: async () => PARTNER_CENTER_DEFAULTS,
    load: async () => stored,
    save: async (state) => {
      stored = state;
    },
    interactive: vi.fn(async () => fresh()),
    // By default the authority has no session to sign in from without the window.
    silent: vi.fn(async () => Promise.reject(new SignInError('refused', 'login_required: no session'))),
    refresh: vi.fn(async () => fresh()),
    now: () => clock.now,
    ...overrides,
  };
  return { service: signInService(deps), deps, clock, stored: () => stored };
}

describe('the background service', () => {
  test('signing in opens the window once however many views ask, and keeps what it gave', async () => {
    const { service: s, deps, stored } = service();
    const [a, b] = await Promise.all([s.signIn(), s.signIn()]);
    expect(deps.interactive).toHaveBeenCalledTimes(1);
    expect(a).toEqual(b);
    expect(stored()).toEqual({ status: 'signedIn', account: ann, tokens: tokens(2), problem: null });
  });

  test('a sign-in left "signing in" by a stopped background ends as failed when the background starts again', async () => {
    const { service: s, stored } = service({ ...signedIn(), status: 'signingIn' });
    await s.started();
    expect(stored()).toMatchObject({ status: 'signedIn', tokens: tokens(1), problem: { kind: 'failed' } });
    const idle = service(signedIn());
    await idle.service.started();
    expect(idle.stored()).toEqual(signedIn());
  });

  test('after MFA was required, the window asks for the sign-in afresh', async () => {
    const { service: s, deps } = service();
    await s.signIn('login');
    expect(deps.interactive).toHaveBeenCalledWith(PARTNER_CENTER_DEFAULTS, 'login');
  });

  test('a closed window or a refusal is kept as the problem; anything else is a failure', async () => {
    for (const [error, kind] of [
      [new SignInError('cancelled', 'The user did not approve access.'), 'cancelled'],
      [new SignInError('refused', 'AADSTS700016: application not found'), 'refused'],
      [new SignInError('unreachable', 'Failed to fetch'), 'failed'],
    ] as const) {
      const { service: s } = service(signedOut(), { interactive: async () => Promise.reject(error) });
      expect(await s.signIn()).toMatchObject({ status: 'signedOut', problem: { kind, detail: error.detail } });
    }
  });

  test('a fresh token is handed out as it is, without asking the authority', async () => {
    const { service: s, deps } = service(signedIn());
    expect(await s.token()).toEqual({ token: 'access-1' });
    expect(deps.refresh).not.toHaveBeenCalled();
  });

  test('a token due for a refresh is refreshed once for every view asking, with the rotated refresh token kept', async () => {
    const { service: s, deps, clock, stored } = service(signedIn());
    clock.now = 3_300_000;
    const answers = await Promise.all([s.token(), s.token(), s.token()]);
    expect(answers).toEqual([{ token: 'access-2' }, { token: 'access-2' }, { token: 'access-2' }]);
    expect(deps.refresh).toHaveBeenCalledTimes(1);
    expect(deps.refresh).toHaveBeenCalledWith(PARTNER_CENTER_DEFAULTS, 'refresh-1');
    expect(stored().tokens?.refreshToken).toBe('refresh-2');
    // The next view asking gets the new one as it is.
    expect(await s.token()).toEqual({ token: 'access-2' });
    expect(deps.refresh).toHaveBeenCalledTimes(1);
  });

  test('a token the API refused is refreshed even when it looks fresh; a view late with the same refusal gets the new one', async () => {
    const { service: s, deps } = service(signedIn());
    expect(await s.token('access-1')).toEqual({ token: 'access-2' });
    expect(await s.token('access-1')).toEqual({ token: 'access-2' });
    expect(deps.refresh).toHaveBeenCalledTimes(1);
  });

  test('a refused refresh ends the sign-in (sign in again) when the silent sign-in fails too; an unreachable authority does not', async () => {
    const offline = service(signedIn(), {
      refresh: async () => Promise.reject(new SignInError('unreachable', 'Failed to fetch')),
    });
    expect(await offline.service.token('access-1')).toEqual({ token: null, unreachable: true });
    expect(offline.stored()).toEqual(signedIn());

    const refused = service(signedIn(), {
      refresh: async () => Promise.reject(new SignInError('expired', 'invalid_grant: refresh token used')),
    });
    expect(await refused.service.token('access-1')).toEqual({ token: null, ended: 'expired' });
    expect(refused.deps.silent).toHaveBeenCalledTimes(1);
    // Asked again, it still says why.
    expect(await refused.service.token()).toEqual({ token: null, ended: 'expired' });
    expect(refused.stored()).toEqual({
      status: 'signedOut',
      account: ann,
      tokens: null,
      problem: { kind: 'expired', detail: 'login_required: no session' },
    });
    expect(refused.deps.interactive).not.toHaveBeenCalled();
  });

  test('a refused refresh tries a silent sign-in as the same account first: new tokens, and no window', async () => {
    const {
      service: s,
      deps,
      stored,
    } = service(signedIn(), {
      refresh: async () => Promise.reject(new SignInError('expired', 'invalid_grant: expired')),
      silent: vi.fn(async () => ({ tokens: tokens(7), account: ann })),
    });
    expect(await s.token('access-1')).toEqual({ token: 'access-7' });
    expect(deps.silent).toHaveBeenCalledWith(PARTNER_CENTER_DEFAULTS, 'ann@partner.test');
    expect(deps.interactive).not.toHaveBeenCalled();
    expect(stored()).toEqual(signedIn(tokens(7)));
    // Without a refresh token at all, the silent sign-in is the way too; an offline authority is not tried twice.
    const bare = service(
      { ...signedIn(), tokens: { ...tokens(1), refreshToken: null } },
      {
        silent: vi.fn(async () => ({ tokens: tokens(8), account: ann })),
      },
    );
    expect(await bare.service.token('access-1')).toEqual({ token: 'access-8' });
    expect(bare.deps.refresh).not.toHaveBeenCalled();
    const offline = service(signedIn(), {
      refresh: async () => Promise.reject(new SignInError('unreachable', 'Failed to fetch')),
    });
    await offline.service.token('access-1');
    expect(offline.deps.silent).not.toHaveBeenCalled();
  });

  test('renewIfDue (the alarm, the background waking): renews due tokens ahead of any request, else nothing', async () => {
    const { service: s, deps, clock, stored } = service(signedIn());
    await s.renewIfDue();
    expect(deps.refresh).not.toHaveBeenCalled();
    clock.now = 3_300_000;
    await s.renewIfDue();
    expect(deps.refresh).toHaveBeenCalledTimes(1);
    expect(stored().tokens?.accessToken).toBe('access-2');
    const out = service();
    await out.service.renewIfDue();
    expect(out.deps.refresh).not.toHaveBeenCalled();
  });

  test('signed out, there is no token to give', async () => {
    const { service: s, deps } = service();
    expect(await s.token()).toEqual({ token: null });
    expect(deps.refresh).not.toHaveBeenCalled();
  });

  test('the API asking for MFA ends the sign-in with that reason; signing out forgets it all', async () => {
    const { service: s, stored } = service(signedIn());
    await s.end('mfaRequired', 'Multi-factor authentication required');
    expect(stored().problem).toEqual({ kind: 'mfaRequired', detail: 'Multi-factor authentication required' });
    expect(await s.token()).toEqual({ token: null, ended: 'mfaRequired' });
    await s.signOut();
    expect(stored()).toEqual(signedOut());
  });

  test('each change is read from storage afresh: a sign-out while a refresh is under way stays signed out', async () => {
    const { service: s, deps, stored } = service(signedIn());
    vi.mocked(deps.refresh).mockImplementationOnce(async () => {
      await s.signOut();
      return { tokens: tokens(9), account: ann };
    });
    expect(await s.token('access-1')).toEqual({ token: null });
    expect(stored()).toEqual(signedOut());
  });
});
