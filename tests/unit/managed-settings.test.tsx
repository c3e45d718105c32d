/** The organisation's policy as the extension reads it (storage.managed) and as the views show it. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ApiAddressForm } from '@/components/options/ApiAddressForm';
import { PartnerCenterForm } from '@/components/options/PartnerCenterForm';
import { RoleSelect } from '@/components/RoleSelect';
import { setLanguage } from '@/services/i18n';
import { readSettings } from '@/services/settings/settings';
import { apiBaseItem, partnerCenterItem, roleItem } from '@/services/storage';

beforeEach(() => {
  fakeBrowser.reset();
  setLanguage('en');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const description = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .join(' ');

test('a managed value wins over the agent’s own, which stays in local storage', async () => {
  await roleItem.setValue('admin-agent');
  await fakeBrowser.storage.managed.set({ defaultRole: 'sales-agent' });
  expect(await readSettings()).toMatchObject({ role: 'sales-agent', managed: new Set(['defaultRole']) });
  expect(await roleItem.getValue()).toBe('admin-agent');
});

test('no policy at all (Firefox refuses to read managed storage then): the agent’s own settings', async () => {
  vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
  await roleItem.setValue('helpdesk-agent');
  expect(await readSettings()).toMatchObject({ role: 'helpdesk-agent', managed: new Set(), notices: [] });
});

test('the Role box locks while the policy sets the role, and gives the agent’s own back when it goes', async () => {
  await roleItem.setValue('helpdesk-agent');
  render(<RoleSelect />);
  const role = (await screen.findByRole('combobox', { name: 'Role' })) as HTMLSelectElement;
  await waitFor(() => expect(role.value).toBe('helpdesk-agent'));
  expect(role.disabled).toBe(false);

  await fakeBrowser.storage.managed.set({ defaultRole: 'billing-admin' });
  await waitFor(() => expect(role.value).toBe('billing-admin'));
  expect(role.disabled).toBe(true);
  expect(description(role)).toBe('Set by your organisation');

  await fakeBrowser.storage.managed.clear();
  await waitFor(() => expect(role.value).toBe('helpdesk-agent'));
  expect(role.disabled).toBe(false);
});

test('a managed API address is read-only, has no Save, and Enter neither asks for a host nor overwrites', async () => {
  const request = vi.fn(async () => true);
  Object.assign(fakeBrowser, { permissions: { request } });
  await apiBaseItem.setValue('http://127.0.0.1:3999');
  await fakeBrowser.storage.managed.set({ apiAddress: 'https://desk.contoso.example' });
  render(<ApiAddressForm />);
  const field = (await screen.findByRole('textbox', { name: 'API address' })) as HTMLInputElement;
  await waitFor(() => expect(field.value).toBe('https://desk.contoso.example'));
  expect(field.readOnly).toBe(true);
  expect(description(field)).toBe('Set by your organisation');
  expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Test connection' })).toBeTruthy();

  // The permission would be asked at once, before any await (browsers allow it only during the agent's gesture).
  fireEvent.submit(field.form!);
  expect(request).not.toHaveBeenCalled();
  expect(await apiBaseItem.getValue()).toBe('http://127.0.0.1:3999');
});

test('Sign in under a partial policy asks for the organisation’s hosts and keeps only the agent’s own fields', async () => {
  const request = vi.fn(async (_: { origins: string[] }) => true);
  const asked: unknown[] = [];
  Object.assign(fakeBrowser, {
    permissions: { request },
    identity: { getRedirectURL: () => 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/' },
  });
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    asked.push(message);
    return Promise.resolve({ status: 'signingIn', account: null, tokens: null, problem: null });
  });
  const own = { apiBase: 'https://own-pc.example', signInAddress: 'https://login.example/own', clientId: '' };
  await partnerCenterItem.setValue(own);
  await fakeBrowser.storage.managed.set({
    apiAddress: 'https://pc.contoso.example',
    signInAddress: 'https://login.microsoftonline.com/contoso.example',
  });
  render(<PartnerCenterForm />);
  const api = (await screen.findByRole('textbox', { name: 'API address' })) as HTMLInputElement;
  await waitFor(() => expect(api.value).toBe('https://pc.contoso.example'));
  expect(api.readOnly).toBe(true);
  const appId = screen.getByRole('textbox', { name: 'Application ID' }) as HTMLInputElement;
  expect(appId.readOnly).toBe(false);

  fireEvent.input(appId, { target: { value: 'agent-typed-app' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  await waitFor(() => expect(asked).toEqual([{ signIn: 'start' }]));
  // The organisation's two hosts, and apart from them Partner Center's web app (for following the agent's tab): no other.
  expect(request.mock.calls.map(([{ origins }]) => origins).sort()).toEqual([
    ['https://partner.microsoft.com/*'],
    ['https://pc.contoso.example/*', 'https://login.microsoftonline.com/*'],
  ]);
  expect(await partnerCenterItem.getValue()).toEqual({ ...own, clientId: 'agent-typed-app' });
});
