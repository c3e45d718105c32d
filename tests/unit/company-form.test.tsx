import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CompanyProfileForm } from '@/components/CompanyProfileForm';
import type { CompanyProfile } from '@/domain/schemas';
import { loadDraft } from '@/services/drafts';
import { setLanguage } from '@/services/i18n';

const company: CompanyProfile = {
  tenantId: 't-1',
  domain: 'contoso.onmicrosoft.com',
  etag: '"e1"',
  companyName: 'Contoso',
};

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

beforeEach(() => {
  fakeBrowser.reset();
  setLanguage('en');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

test('fields are labelled; domain and tenant id are read-only', () => {
  render(<CompanyProfileForm customerId="c1" resource={company} country="US" draft={null} onClose={() => {}} />);
  expect((screen.getByLabelText('Company name') as HTMLInputElement).value).toBe('Contoso');
  expect((screen.getByLabelText('Domain') as HTMLInputElement).readOnly).toBe(true);
  expect((screen.getByLabelText('Tenant ID') as HTMLInputElement).readOnly).toBe(true);
});

test('a client-side error appears on leaving the field, tied to it', async () => {
  render(<CompanyProfileForm customerId="c1" resource={company} country="RU" draft={null} onClose={() => {}} />);
  const number = screen.getByLabelText('Registration number');
  fireEvent.blur(number);
  await waitFor(() => expect(number.getAttribute('aria-invalid')).toBe('true'));
  expect(document.getElementById(number.getAttribute('aria-describedby')!)?.textContent).toBe(
    'A registration number is required for customers in RU.',
  );
});

test("the server's 422 fields land on the same fields; Submit sends only the change with If-Match", async () => {
  const fetch = vi.fn(async () =>
    answer(422, {
      error: { code: 'validation', message: 'Invalid.', fields: { companyName: 'Company name is taken.' } },
    }),
  );
  vi.stubGlobal('fetch', fetch);
  const onClose = vi.fn();
  render(<CompanyProfileForm customerId="c1" resource={company} country="US" draft={null} onClose={onClose} />);
  const name = screen.getByLabelText('Company name');
  fireEvent.input(name, { target: { value: 'Fabrikam' } });
  fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
  await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
  expect(document.getElementById(name.getAttribute('aria-describedby')!)?.textContent).toBe('Company name is taken.');
  const [url, init] = fetch.mock.calls[0] as unknown as [URL, RequestInit];
  expect(String(url)).toMatch(/\/customers\/c1\/profiles\/company$/);
  expect(init.method).toBe('PATCH');
  expect(JSON.parse(String(init.body))).toEqual({ companyName: 'Fabrikam' });
  expect((init.headers as Record<string, string>)['If-Match']).toBe('"e1"');
  expect(onClose).not.toHaveBeenCalled();
});

test('typing keeps a draft; Cancel clears it', async () => {
  const onClose = vi.fn();
  render(<CompanyProfileForm customerId="c1" resource={company} country="US" draft={null} onClose={onClose} />);
  fireEvent.input(screen.getByLabelText('Company name'), { target: { value: 'Contoso Ltd' } });
  await waitFor(async () => expect((await loadDraft('c1', 'company'))?.values.companyName).toBe('Contoso Ltd'));
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  await waitFor(() => expect(onClose).toHaveBeenCalledWith(null));
  expect(await loadDraft('c1', 'company')).toBeNull();
});

test('a restored draft is shown with a notice; Discard draft brings back the saved values', async () => {
  const draft = {
    values: { companyName: 'Draft name', organizationRegistrationNumber: '' },
    base: { companyName: 'Contoso', organizationRegistrationNumber: '' },
    etag: '"e1"',
    savedAt: Date.now(),
  };
  render(<CompanyProfileForm customerId="c1" resource={company} country="US" draft={draft} onClose={() => {}} />);
  expect((screen.getByLabelText('Company name') as HTMLInputElement).value).toBe('Draft name');
  fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
  await waitFor(() => expect((screen.getByLabelText('Company name') as HTMLInputElement).value).toBe('Contoso'));
  expect(screen.queryByRole('button', { name: 'Discard draft' })).toBeNull();
});
