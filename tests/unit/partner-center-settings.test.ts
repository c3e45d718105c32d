import { expect, test } from 'vitest';
import { checkSettings } from '@/services/settings/partner-center-settings';
import { signInOrigins } from '@/services/sign-in/permissions';
import { PARTNER_CENTER_DEFAULTS } from '@/services/storage';

const typed = (overrides: object) => ({ ...PARTNER_CENTER_DEFAULTS, clientId: ' 1950a258-227b-4e31 ', ...overrides });

test("Microsoft's addresses and an Application ID are kept as origins, the tenant segment, the ID trimmed", () => {
  expect(checkSettings(typed({ signInAddress: 'https://login.microsoftonline.com/contoso.com/' }))).toEqual({
    settings: {
      apiBase: 'https://api.partnercenter.microsoft.com',
      signInAddress: 'https://login.microsoftonline.com/contoso.com',
      clientId: '1950a258-227b-4e31',
    },
    errors: {},
  });
});

test('a local Partner Center may be plain http on this computer only', () => {
  const local = checkSettings(
    typed({ apiBase: 'http://127.0.0.1:3000/v1', signInAddress: 'http://localhost:3000/organizations' }),
  );
  expect(local.settings).toMatchObject({
    apiBase: 'http://127.0.0.1:3000',
    signInAddress: 'http://localhost:3000/organizations',
  });
  expect(checkSettings(typed({ apiBase: 'http://pc.example.com' })).errors).toEqual({ apiBase: 'pc.addressInvalid' });
});

test('each wrong field is named, and nothing is kept', () => {
  expect(
    checkSettings({ apiBase: 'ftp://x', signInAddress: 'https://login.microsoftonline.com/a/b', clientId: ' ' }),
  ).toEqual({
    settings: null,
    errors: {
      apiBase: 'pc.addressInvalid',
      signInAddress: 'pc.signInAddressInvalid',
      clientId: 'pc.applicationIdRequired',
    },
  });
  expect(checkSettings(typed({ signInAddress: 'https://login.microsoftonline.com' })).errors).toEqual({
    signInAddress: 'pc.signInAddressInvalid',
  });
});

test('signing in asks for the API and the sign-in address (each once), as host permission patterns', () => {
  expect(signInOrigins(PARTNER_CENTER_DEFAULTS)).toEqual([
    'https://api.partnercenter.microsoft.com/*',
    'https://login.microsoftonline.com/*',
  ]);
  const local = {
    apiBase: 'http://localhost:3000',
    signInAddress: 'http://localhost:3000/organizations',
    clientId: 'x',
  };
  expect(signInOrigins(local)).toEqual(['http://localhost/*']);
});
