import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, expect, test } from 'vitest';
import { type InProcessApi, startApi } from '@/harness/mock-api';
import { CLIENT_ID, pc, signIn, token } from '@/harness/partner-center';

const dir = mkdtempSync(join(tmpdir(), 'customer-desk-refresh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PC_ONLY = 'https://api.partnercenter.microsoft.com/user_impersonation';

interface Running {
  api: InProcessApi;
  /** Stops the server and starts it again on the same database, with the same flags. */
  restart(): Promise<InProcessApi>;
}

/** A server of the test's own on a database of its own; stopped at the end, whichever one is running then. */
async function withApi(
  name: string,
  options: { rotateRefreshTokens?: boolean },
  run: (running: Running) => Promise<void>,
) {
  const dbPath = join(dir, `${name}.json`);
  const running: Running = {
    api: await startApi({ seed: 3, dbPath, ...options }),
    restart: async () => {
      await running.api.stop();
      running.api = await startApi({ dbPath, ...options });
      return running.api;
    },
  };
  try {
    await run(running);
  } finally {
    await running.api.stop();
  }
}

const refresh = (api: InProcessApi, refresh_token: string, client_id = CLIENT_ID) =>
  token(api.url, { grant_type: 'refresh_token', refresh_token, client_id });

// Microsoft identity platform, "OAuth 2.0 authorization code flow", the token response: "refresh_token — An OAuth 2.0
// refresh token. … Only provided if offline_access scope was requested."
test('a refresh token only when offline_access was asked for', async () => {
  await withApi('offline', {}, async ({ api }) => {
    const without = await signIn(api.url, 'adminagent@partner.test', PC_ONLY);
    expect(without.access_token).toBeTruthy();
    expect(without.refresh_token).toBeUndefined();
    const withIt = await signIn(api.url, 'adminagent@partner.test', `${PC_ONLY} offline_access`);
    expect(withIt.refresh_token).toBeTruthy();
    // The refreshed answer keeps giving one: the sign-in asked for offline_access.
    expect((await refresh(api, withIt.refresh_token)).body.refresh_token).toBeTruthy();
  });
});

// "Refresh tokens", Token lifetime: "Refresh tokens replace themselves with a fresh token upon every use. The
// Microsoft identity platform doesn't revoke old refresh tokens when used to fetch new access tokens." And: "Refresh
// tokens sent to a redirect URI registered as spa expire after 24 hours. Additional refresh tokens acquired using the
// initial refresh token carry over that expiration time".
test("used refresh tokens stay valid; each answer carries a new one with the sign-in's 24-hour expiry", async () => {
  await withApi('entra', {}, async ({ api }) => {
    const first = await signIn(api.url, 'salesagent@partner.test');
    const a = await refresh(api, first.refresh_token);
    // Two tabs refreshing with the same token at once both succeed.
    const [b, c] = await Promise.all([refresh(api, first.refresh_token), refresh(api, first.refresh_token)]);
    for (const answer of [a, b, c]) {
      expect(answer.status).toBe(200);
      expect(answer.body.refresh_token).not.toBe(first.refresh_token);
      expect(decodeJwt(answer.body.access_token)).toMatchObject({ upn: 'salesagent@partner.test' });
    }
    const original = decodeJwt(first.refresh_token);
    expect(original.exp! - original.iat!).toBe(24 * 3600);
    // Refreshing never extends the sign-in: the descendants expire when the first one does.
    expect(decodeJwt(a.body.refresh_token).exp).toBe(original.exp);
    expect(decodeJwt((await refresh(api, a.body.refresh_token)).body.refresh_token).exp).toBe(original.exp);
    // Bound to the client it was issued to.
    const other = await refresh(api, first.refresh_token, 'another-app');
    expect(other.status).toBe(400);
    expect(other.body.error).toBe('invalid_grant');
  });
});

test('refresh tokens survive a restart (signed with the key kept beside the database)', async () => {
  await withApi('restart', {}, async (running) => {
    const tokens = await signIn(running.api.url);
    const again = await running.restart();
    const answer = await refresh(again, tokens.refresh_token);
    expect(answer.status).toBe(200);
    expect((await pc(again.url, answer.body.access_token, '/v1/customers?size=1')).status).toBe(200);
  });
});

// RFC 9700 (OAuth 2.0 Security BCP) §4.14.2, refresh token rotation: "If a refresh token is compromised and
// subsequently used by both the attacker and the legitimate client, one of them will present an invalidated refresh
// token, which will inform the authorization server of the breach" — which then revokes the active one.
test('--rotate-refresh-tokens: each works once; a reused one revokes every token of its sign-in, across restarts', async () => {
  await withApi('rotate', { rotateRefreshTokens: true }, async (running) => {
    const { api } = running;
    const first = await signIn(api.url);
    const second = await refresh(api, first.refresh_token);
    expect(second.status).toBe(200);
    const third = await refresh(api, second.body.refresh_token);
    expect(third.status).toBe(200);
    // Another sign-in is another family: untouched by what follows.
    const unrelated = await signIn(api.url);

    const reused = await refresh(api, first.refresh_token);
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: 'invalid_grant', error_codes: [50173] });
    // The reuse revoked the descendants, the newest included.
    const descendant = await refresh(api, third.body.refresh_token);
    expect(descendant.status).toBe(400);
    expect(descendant.body.error_codes).toEqual([50173]);

    const again = await running.restart();
    expect((await refresh(again, third.body.refresh_token)).status).toBe(400);
    const next = await refresh(again, unrelated.refresh_token);
    expect(next.status).toBe(200);
    expect((await refresh(again, unrelated.refresh_token)).status).toBe(400);
  });
});
