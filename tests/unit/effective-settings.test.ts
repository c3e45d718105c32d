/** The organisation's policy over the agent's own settings, as a pure function: no browser, no DOM. */
import { expect, test } from 'vitest';
import { effectiveSettings, type OwnSettings } from '@/services/settings/effective';
import { MANAGED_KEYS } from '@/services/settings/managed-keys';
import { PARTNER_CENTER_DEFAULTS } from '@/services/storage';

const own: OwnSettings = {
  connection: 'mock',
  apiBase: 'http://localhost:3000',
  partnerCenter: { ...PARTNER_CENTER_DEFAULTS, clientId: 'agent-own-app' },
  role: 'admin-agent',
  language: 'auto',
};

const LOCKED_PARTNER_CENTER = {
  connection: 'partnerCenter',
  apiAddress: 'https://pc.contoso.example/',
  signInAddress: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/',
  applicationId: ' 1950a258-227b-4e31-a9cf-717495945fc2 ',
  defaultRole: 'sales-agent',
  language: 'ru',
};

test('no policy: the agent’s own settings, nothing locked, nothing to say', () => {
  expect(effectiveSettings({}, own)).toEqual({ ...own, managed: new Set(), notices: [] });
});

test('every key set: the organisation’s values win, each locked, kept as the forms keep them', () => {
  const settings = effectiveSettings(LOCKED_PARTNER_CENTER, own);
  expect(settings).toMatchObject({
    connection: 'partnerCenter',
    partnerCenter: {
      apiBase: 'https://pc.contoso.example',
      signInAddress: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
      clientId: '1950a258-227b-4e31-a9cf-717495945fc2',
    },
    apiBase: 'https://pc.contoso.example',
    role: 'sales-agent',
    language: 'ru',
    notices: [],
  });
  expect([...settings.managed].sort()).toEqual([...MANAGED_KEYS].sort());
});

test('a partial policy: the keys it sets are the organisation’s, every other stays the agent’s', () => {
  const settings = effectiveSettings({ applicationId: 'org-app', language: 'en' }, own);
  expect(settings).toMatchObject({
    connection: 'mock',
    apiBase: own.apiBase,
    partnerCenter: { ...own.partnerCenter, clientId: 'org-app' },
    role: own.role,
    language: 'en',
  });
  expect([...settings.managed].sort()).toEqual(['applicationId', 'language']);
});

test('the agent’s own values are untouched underneath, so without the policy they are back', () => {
  const before = structuredClone(own);
  effectiveSettings(LOCKED_PARTNER_CENTER, own);
  expect(own).toEqual(before);
  expect(effectiveSettings({}, own)).toMatchObject(before);
});

test('invalid values are ignored, each with a notice naming the key, the value and why; the agent’s stay', () => {
  const settings = effectiveSettings(
    {
      connection: 'carrier-pigeon',
      apiAddress: 'not a url',
      signInAddress: 'https://login.microsoftonline.com/',
      applicationId: '   ',
      defaultRole: 'chief',
      language: 'tlh',
    },
    own,
  );
  expect(settings).toMatchObject({ ...own, managed: new Set() });
  expect(settings.notices).toEqual([
    { key: 'connection', value: 'carrier-pigeon', reason: 'managed.oneOf', params: { choices: 'mock, partnerCenter' } },
    { key: 'apiAddress', value: 'not a url', reason: 'apiAddressInvalid' },
    {
      key: 'signInAddress',
      value: 'https://login.microsoftonline.com/',
      reason: 'pc.signInAddressInvalid',
      params: { example: PARTNER_CENTER_DEFAULTS.signInAddress },
    },
    { key: 'applicationId', value: '   ', reason: 'pc.applicationIdRequired' },
    {
      key: 'defaultRole',
      value: 'chief',
      reason: 'managed.oneOf',
      params: { choices: 'global-admin, admin-agent, sales-agent, helpdesk-agent, billing-admin' },
    },
    { key: 'language', value: 'tlh', reason: 'managed.oneOf', params: { choices: 'auto, en, ru' } },
  ]);
});

test('Partner Center takes no plain-http address off this computer; the mock API does', () => {
  const intranet = { apiAddress: 'http://desk.intranet:3000' };
  const mock = effectiveSettings(intranet, own);
  expect(mock).toMatchObject({ apiBase: 'http://desk.intranet:3000', notices: [] });
  expect(mock.managed.has('apiAddress')).toBe(true);

  const pc = effectiveSettings({ ...intranet, connection: 'partnerCenter' }, own);
  expect(pc.partnerCenter.apiBase).toBe(own.partnerCenter.apiBase);
  expect(pc.managed.has('apiAddress')).toBe(false);
  expect(pc.notices).toEqual([{ key: 'apiAddress', value: intranet.apiAddress, reason: 'pc.addressInvalid' }]);
  // A local Partner Center on this computer is fine.
  const local = effectiveSettings({ connection: 'partnerCenter', apiAddress: 'http://127.0.0.1:3000' }, own);
  expect(local.partnerCenter.apiBase).toBe('http://127.0.0.1:3000');
});

test('values that are not text (Firefox passes any JSON) and unknown keys are noticed, never thrown on', () => {
  const long = 'x'.repeat(500);
  const settings = effectiveSettings({ defaultRole: 7, language: { code: 'ru' }, apiAdress: long }, own);
  expect(settings).toMatchObject({ role: own.role, language: own.language });
  expect(settings.notices).toEqual([
    { key: 'apiAdress', value: `${'x'.repeat(79)}…`, reason: 'managed.unknownKey' },
    expect.objectContaining({ key: 'defaultRole', value: '7' }),
    expect.objectContaining({ key: 'language', value: '{"code":"ru"}' }),
  ]);
});
