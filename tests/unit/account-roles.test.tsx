import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CustomerAccount } from '@/components/CustomerAccount';
import { ACTIONS, can, denialReason, ROLE_IDS } from '@/domain/roles';
import type { Customer } from '@/domain/schemas';
import { denial } from '@/services/denial';
import { setLanguage } from '@/services/i18n';
import { roleItem } from '@/services/storage';

const customer: Customer = {
  id: '00000000-0000-4000-8000-000000000001',
  relationshipToPartner: 'reseller',
  updatedAt: '2026-01-01T00:00:00Z',
  companyProfile: { tenantId: 't1', domain: 'contoso.onmicrosoft.com', companyName: 'Contoso <b>Ltd</b>', etag: '"c"' },
  billingProfile: {
    id: 'b1',
    etag: '"b"',
    firstName: 'John',
    lastName: 'Doe',
    email: 'john@contoso.com',
    culture: 'en-US',
    language: 'en',
    companyName: 'Contoso',
    defaultAddress: {
      country: 'US',
      city: 'Redmond',
      state: 'WA',
      addressLine1: '1 Way',
      postalCode: '98052',
      firstName: 'John',
      lastName: 'Doe',
    },
  },
  purchasePermission: { etag: '"p"', azureReservations: false, azureSavingsPlans: false },
};

beforeEach(() => {
  fakeBrowser.reset();
  setLanguage('en');
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async (url: URL) =>
        new Response(JSON.stringify(String(url).includes('auditLog') ? [] : customer), { status: 200 }),
    ),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

test('the English denial the UI shows is word for word the reason the API sends', () => {
  for (const role of ROLE_IDS)
    for (const action of ACTIONS)
      expect(denial(role, action)).toBe(can(role, action) ? null : denialReason(role, action));
});

test('helpdesk agent: the account is shown, edits are disabled with the reason', async () => {
  await roleItem.setValue('helpdesk-agent');
  render(<CustomerAccount id={customer.id} />);
  // Customer text is inert: the markup in the name shows as text, never as an element.
  const heading = await screen.findByRole('heading', { name: 'Contoso <b>Ltd</b>' });
  expect(heading.querySelector('b')).toBeNull();
  const edit = screen.getByRole('button', { name: 'Edit billing profile' }) as HTMLButtonElement;
  expect(edit.disabled).toBe(true);
  expect(document.getElementById(edit.getAttribute('aria-describedby')!)?.textContent).toBe(
    'The Helpdesk agent role cannot edit the billing profile.',
  );
  expect(
    (screen.getByRole('switch', { name: 'Allow purchase of Azure reservations' }) as HTMLButtonElement).disabled,
  ).toBe(true);
});

test('admin agent: everything is offered; a role change updates the view at once', async () => {
  await roleItem.setValue('admin-agent');
  render(<CustomerAccount id={customer.id} />);
  const edit = (await screen.findByRole('button', { name: 'Edit company details' })) as HTMLButtonElement;
  expect(edit.disabled).toBe(false);
  expect(
    (screen.getByRole('switch', { name: 'Allow purchase of Azure reservations' }) as HTMLButtonElement).disabled,
  ).toBe(false);
  await roleItem.setValue('sales-agent');
  await waitFor(() =>
    expect(
      (screen.getByRole('switch', { name: 'Allow purchase of Azure reservations' }) as HTMLButtonElement).disabled,
    ).toBe(true),
  );
  expect(edit.disabled).toBe(false);
});
