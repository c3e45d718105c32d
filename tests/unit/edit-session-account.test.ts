// @vitest-environment node
/** The Account page's model, transition by transition: a pure reducer, no browser and no DOM. */
import { expect, test } from 'vitest';
import type { Customer } from '@/domain/schemas';
import {
  type AccountEvent,
  type AccountPage,
  accountPage,
  openAccount,
  STALE_AFTER_MS,
} from '@/state/edit-session/account';

const customer = {
  id: 'c1',
  companyProfile: { tenantId: 'c1', domain: 'contoso.onmicrosoft.com', companyName: 'Contoso', etag: '"c1"' },
  billingProfile: { id: 'b', firstName: 'Anna', etag: '"b1"' },
  purchasePermission: { etag: '"p1"', azureReservations: false, azureSavingsPlans: false },
} as unknown as Customer;
const run = (state: AccountPage, ...events: AccountEvent[]) => events.reduce(accountPage, state);
const shown = () => run(openAccount(), { type: 'loaded', customer, at: 1000 });

test('loading, loaded, loadFailed: the customer is shown, a failure said, and a new read clears it', () => {
  const failed = run(openAccount(), { type: 'loading' }, { type: 'loadFailed', message: 'Not answering.' });
  expect(failed.loadError).toBe('Not answering.');
  const state = run(failed, { type: 'loading' }, { type: 'loaded', customer, at: 1000 });
  expect(state).toMatchObject({ loadError: null, customer });
});

test('changeAnnounced: the version the page and its audit log read at', () => {
  expect(accountPage(shown(), { type: 'changeAnnounced', at: 42 }).version).toBe(42);
});

test('editOpened: the form opens (with its draft) and the last status goes', () => {
  const draft = { values: { companyName: 'X' }, base: { companyName: 'Contoso' }, etag: '"c1"', savedAt: 1 };
  const state = run(shown(), { type: 'writeFailed', message: 'No.' }, { type: 'editOpened', kind: 'company', draft });
  expect(state).toMatchObject({ editing: { kind: 'company', draft }, status: null, returnFocus: null });
});

test('formClosed by Cancel: focus goes back to the button that opened the form', () => {
  const state = run(shown(), { type: 'editOpened', kind: 'billing', draft: null }, { type: 'formClosed', saved: null });
  expect(state).toMatchObject({ editing: null, returnFocus: 'billing', status: null });
});

test('formClosed with a save: the page shows it, says so with focus, and offers Undo with the new ETag', () => {
  const resource = { ...customer.billingProfile, firstName: 'Anya', etag: '"b2"' };
  const state = run(
    shown(),
    { type: 'editOpened', kind: 'billing', draft: null },
    {
      type: 'formClosed',
      saved: { kind: 'billing', resource, undo: { firstName: 'Anna' } },
    },
  );
  expect(state.editing).toBeNull();
  expect(state.customer?.billingProfile).toBe(resource);
  expect(state.customer?.companyProfile).toBe(customer.companyProfile);
  expect(state.status).toEqual({ notice: { key: 'billing.saved' }, focus: true, undoable: true });
  expect(state.undo).toEqual({ kind: 'billing', patch: { firstName: 'Anna' }, etag: '"b2"' });
  expect(state.returnFocus).toBeNull();
});

test('writeStarted and saved (a permission switched): busy while it is written, then shown with Undo', () => {
  const writing = accountPage(shown(), { type: 'writeStarted' });
  expect(writing.writing).toBe(true);
  const resource = { ...customer.purchasePermission, azureReservations: true, etag: '"p2"' };
  const state = accountPage(writing, {
    type: 'saved',
    kind: 'permission',
    resource,
    notice: { text: 'Purchase of Azure reservations allowed.' },
    undo: { azureReservations: false },
  });
  expect(state).toMatchObject({ writing: false, customer: { purchasePermission: resource } });
  expect(state.status).toEqual({
    notice: { text: 'Purchase of Azure reservations allowed.' },
    focus: true,
    undoable: true,
  });
  expect(state.undo).toEqual({ kind: 'permission', patch: { azureReservations: false }, etag: '"p2"' });
});

test('undoStarted and undone: Undo is used up at once; once written back, the page says so and offers no Undo', () => {
  const resource = { ...customer.purchasePermission, azureReservations: true, etag: '"p2"' };
  const afterSave = run(shown(), {
    type: 'saved',
    kind: 'permission',
    resource,
    notice: { text: 'Allowed.' },
    undo: { azureReservations: false },
  });
  const undoing = accountPage(afterSave, { type: 'undoStarted' });
  expect(undoing).toMatchObject({ undo: null, writing: true });
  const back = { ...customer.purchasePermission, etag: '"p3"' };
  const state = accountPage(undoing, { type: 'undone', kind: 'permission', resource: back });
  expect(state.customer?.purchasePermission).toBe(back);
  expect(state.status).toEqual({ notice: { key: 'undone' }, focus: true, undoable: false });
  expect(state).toMatchObject({ undo: null, writing: false });
});

test('writeFailed: the alert says why, nothing is busy, and no Undo is left on offer', () => {
  const resource = { ...customer.billingProfile, etag: '"b2"' };
  const state = run(
    shown(),
    { type: 'formClosed', saved: { kind: 'billing', resource, undo: {} } },
    { type: 'writeStarted' },
    { type: 'writeFailed', message: 'Someone changed this.' },
  );
  expect(state.status).toEqual({ notice: { text: 'Someone changed this.' }, alert: true });
  expect(state).toMatchObject({ writing: false, undo: null, customer: { billingProfile: resource } });
});

test('chosenAgain: the open customer chosen again is read again at once, however fresh its copy', () => {
  expect(accountPage(shown(), { type: 'chosenAgain', at: 1001 }).version).toBe(1001);
});

test('shownAgain: the view shown again reads again only a copy older than 30 seconds', () => {
  const state = shown();
  expect(accountPage(state, { type: 'shownAgain', at: 1000 + STALE_AFTER_MS })).toBe(state);
  expect(accountPage(state, { type: 'shownAgain', at: 1001 + STALE_AFTER_MS }).version).toBe(1001 + STALE_AFTER_MS);
  // Nothing shown yet: the first read is under way.
  expect(accountPage(openAccount(), { type: 'shownAgain', at: 1e9 }).version).toBe(0);
});

test('loaded while a form is open: the copy is replaced, and a changed resource is said, the form kept', () => {
  const editing = accountPage(shown(), { type: 'editOpened', kind: 'billing', draft: null });
  expect(editing.editing).toMatchObject({ kind: 'billing', etag: '"b1"' });
  // Another resource changed (the permission): not the form's business.
  const other = { ...customer, purchasePermission: { ...customer.purchasePermission, etag: '"p2"' } };
  const quiet = accountPage(editing, { type: 'loaded', customer: other, at: 2000 });
  expect(quiet).toMatchObject({ changedElsewhere: false, readAt: 2000, customer: other });
  const renamed = { ...customer, billingProfile: { ...customer.billingProfile, firstName: 'Ann', etag: '"b2"' } };
  const changed = accountPage(quiet, { type: 'loaded', customer: renamed, at: 3000 });
  expect(changed).toMatchObject({ changedElsewhere: true, editing: { kind: 'billing', etag: '"b1"' } });
  // It stays said while the form is open, and goes with the form.
  expect(accountPage(changed, { type: 'loaded', customer: renamed, at: 4000 }).changedElsewhere).toBe(true);
  expect(accountPage(changed, { type: 'formClosed', saved: null }).changedElsewhere).toBe(false);
});

test('editOpened with a draft: the draft’s version is what the server’s copy is compared with', () => {
  const draft = { values: { companyName: 'X' }, base: { companyName: 'Old' }, etag: '"c0"', savedAt: 1 };
  const state = run(openAccount(), { type: 'editOpened', kind: 'company', draft }, { type: 'loaded', customer, at: 5 });
  expect(state.changedElsewhere).toBe(true);
});
