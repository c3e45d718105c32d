// @vitest-environment node
/**
 * The thin layer around the edit-session models, with the API and storage replaced by fakes: what is sent, in what
 * order, and what the state says afterwards. No browser and no DOM.
 */
import { describe, expect, test, vi } from 'vitest';
import type { Customer } from '@/domain/schemas';
import { ApiError } from '@/services/api-client';
import type { Draft } from '@/services/drafts';
import { accountPage, openAccount } from '@/state/edit-session/account';
import { type AccountServices, accountEffects } from '@/state/edit-session/account-effects';
import { editSession, openSession } from '@/state/edit-session/form';
import { type FormDeps, formEffects } from '@/state/edit-session/form-effects';
import type { FieldErrors, FormValues } from '@/state/edit-session/form-model';
import { createStore } from '@/state/store';

const company = { tenantId: 't1', domain: 'contoso.onmicrosoft.com', companyName: 'Contoso', etag: '"c1"' };
const saved = { companyName: 'Contoso', organizationRegistrationNumber: '' };

const apiError = (status: number, body: object) =>
  new ApiError(status, body as ConstructorParameters<typeof ApiError>[1]);

/** A form session over fake deps; `log` records, in order, every draft write, request and close. */
function formSession(overrides: Partial<FormDeps<'company'>> = {}, draft: Draft | null = null) {
  const log: unknown[] = [];
  const deps: FormDeps<'company'> = {
    kind: 'company',
    validate: (values: FormValues): FieldErrors => (values.companyName.trim() ? {} : { companyName: 'Fill this in.' }),
    send: vi.fn(async (patch: object, ifMatch: string) => {
      log.push(['send', patch, ifMatch]);
      return { ...company, ...patch, etag: '"c2"' };
    }),
    saveDraft: async (d) => void log.push(['saveDraft', d.values]),
    discardDraft: async () => void log.push(['discardDraft']),
    fresh: () => ({ values: saved, etag: '"c1"' }),
    onClose: (result) => void log.push(['close', result]),
    ...overrides,
  };
  const store = createStore(editSession, openSession(saved, '"c1"', draft));
  const effects = formEffects(store, () => deps);
  const type = (value: string) => store.dispatch({ type: 'edited', path: 'companyName', value });
  return { store, effects, log, deps, type };
}

describe('form effects', () => {
  test('each change of the unsent edit is kept as the draft; going back to the saved text removes it', async () => {
    const { log, type } = formSession();
    type('Contoso Ltd');
    type('Contoso Ltd.');
    type('Contoso');
    await vi.waitFor(() => expect(log).toHaveLength(3));
    expect(log).toEqual([
      ['saveDraft', { ...saved, companyName: 'Contoso Ltd' }],
      ['saveDraft', { ...saved, companyName: 'Contoso Ltd.' }],
      ['discardDraft'],
    ]);
  });

  test('submit sends only the change with If-Match, removes the draft, then closes with the resource and Undo', async () => {
    const { effects, log, type, store } = formSession();
    type('Fabrikam');
    await effects.submit();
    expect(log.slice(1)).toEqual([
      ['send', { companyName: 'Fabrikam' }, '"c1"'],
      ['discardDraft'],
      [
        'close',
        {
          kind: 'company',
          resource: { ...company, companyName: 'Fabrikam', etag: '"c2"' },
          undo: { companyName: 'Contoso' },
        },
      ],
    ]);
    expect(store.getState().status).toBe('closed');
  });

  test('submit with a client-side error sends nothing', async () => {
    const { effects, deps, type, store } = formSession();
    type(' ');
    await effects.submit();
    expect(deps.send).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ status: 'editing', rejections: 1 });
  });

  test('submit with nothing changed closes without a request', async () => {
    const { effects, deps, log } = formSession();
    await effects.submit();
    expect(deps.send).not.toHaveBeenCalled();
    expect(log).toEqual([['close', null]]);
  });

  test('what the check before sending finds turns the submit back; nothing is sent', async () => {
    const preCheck = vi.fn(async () => ({ errors: {}, suggestion: { companyName: 'FABRIKAM' } }));
    const { effects, deps, type, store } = formSession({ preCheck });
    type('fabrikam');
    await effects.submit();
    expect(preCheck).toHaveBeenCalledWith({ ...saved, companyName: 'fabrikam' }, ['companyName']);
    expect(deps.send).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ suggestion: { companyName: 'FABRIKAM' }, rejections: 1 });
  });

  test("a 422 puts the API's messages on their fields; the form stays open", async () => {
    const send = vi.fn(async () => {
      throw apiError(422, { error: { code: 'validation', message: 'Invalid.', fields: { companyName: 'Taken.' } } });
    });
    const { effects, log, type, store } = formSession({ send });
    type('Fabrikam');
    await effects.submit();
    expect(store.getState()).toMatchObject({ serverErrors: { companyName: 'Taken.' }, notice: { text: 'Invalid.' } });
    expect(log.some((entry) => (entry as unknown[])[0] === 'close')).toBe(false);
  });

  test('a 412 with a clash waits for the choice; resolving sends the merge with the new ETag', async () => {
    const current = { ...company, companyName: 'Their Co', organizationRegistrationNumber: '123', etag: '"c9"' };
    const send = vi
      .fn<FormDeps<'company'>['send']>()
      .mockRejectedValueOnce(apiError(412, { error: { code: 'etag-mismatch', message: 'Stale.' }, current }))
      .mockResolvedValueOnce({ ...current, companyName: 'Mine Co', etag: '"c10"' });
    const { effects, type, store, log } = formSession({ send });
    type('Mine Co');
    await effects.submit();
    expect(store.getState().pending?.conflicts).toEqual([{ path: 'companyName', mine: 'Mine Co', theirs: 'Their Co' }]);
    await effects.resolve({ companyName: 'mine' });
    expect(send).toHaveBeenLastCalledWith({ companyName: 'Mine Co' }, '"c9"');
    expect(log.at(-1)).toEqual([
      'close',
      expect.objectContaining({
        undo: { companyName: 'Their Co' },
        resource: expect.objectContaining({ etag: '"c10"' }),
      }),
    ]);
  });

  test('cancel removes the draft before the form closes', async () => {
    const { effects, log, type } = formSession();
    type('Fabrikam');
    await effects.cancel();
    expect(log).toEqual([['saveDraft', { ...saved, companyName: 'Fabrikam' }], ['discardDraft'], ['close', null]]);
  });

  test('discard returns to the freshest copy and removes the draft', async () => {
    const draft = { values: { ...saved, companyName: 'Draft Co' }, base: saved, etag: '"c0"', savedAt: 5 };
    const { effects, log, store } = formSession({ fresh: () => ({ values: saved, etag: '"c3"' }) }, draft);
    effects.discard();
    expect(store.getState()).toMatchObject({ values: saved, etag: '"c3"', restoredAt: null });
    await vi.waitFor(() => expect(log).toEqual([['discardDraft']]));
  });
});

const customer = {
  id: 'c1',
  companyProfile: company,
  billingProfile: { id: 'b', firstName: 'Anna', etag: '"b1"' },
  purchasePermission: { etag: '"p1"', azureReservations: false, azureSavingsPlans: false },
} as unknown as Customer;

function accountSession(write: AccountServices['write']) {
  const services: AccountServices = {
    read: vi.fn(async () => customer),
    write: vi.fn(write),
    loadDraft: async () => null,
    announce: vi.fn(),
    remember: vi.fn(),
  };
  const store = createStore(accountPage, openAccount());
  return { store, services, effects: accountEffects(store, 'c1', services) };
}

describe('account effects', () => {
  test('a permission switched, then Undo: each write carries the ETag the one before left, and is announced', async () => {
    let etag = 1;
    const { store, services, effects } = accountSession(async (_id, _kind, patch) => {
      etag += 1;
      return { ...customer.purchasePermission, ...patch, etag: `"p${etag}"` } as never;
    });
    effects.load();
    await vi.waitFor(() => expect(store.getState().customer).toBe(customer));
    expect(services.remember).toHaveBeenCalledWith(customer);

    await effects.switchPermission('azureReservations', true);
    expect(services.write).toHaveBeenLastCalledWith('c1', 'permission', { azureReservations: true }, '"p1"');
    expect(store.getState().customer?.purchasePermission.azureReservations).toBe(true);
    expect(store.getState().status?.undoable).toBe(true);

    await effects.undo();
    expect(services.write).toHaveBeenLastCalledWith('c1', 'permission', { azureReservations: false }, '"p2"');
    expect(store.getState().customer?.purchasePermission).toMatchObject({ azureReservations: false, etag: '"p3"' });
    expect(store.getState().status?.notice).toEqual({ key: 'undone' });
    expect(services.announce).toHaveBeenCalledTimes(2);
    // Undo is used up.
    await effects.undo();
    expect(services.write).toHaveBeenCalledTimes(2);
  });

  test('a stale write says why in the alert and reads the customer again', async () => {
    const { store, services, effects } = accountSession(async () => {
      throw apiError(412, { error: { code: 'etag-mismatch', message: 'Someone changed this.' }, current: {} });
    });
    effects.load();
    await vi.waitFor(() => expect(store.getState().customer).toBe(customer));
    await effects.switchPermission('azureSavingsPlans', true);
    expect(store.getState().status).toEqual({ notice: { text: 'Someone changed this.' }, alert: true });
    expect(store.getState().writing).toBe(false);
    expect(services.read).toHaveBeenCalledTimes(2);
    expect(services.announce).not.toHaveBeenCalled();
  });

  test("a form's save is shown and announced; Cancel is not announced", () => {
    const { store, services, effects } = accountSession(async () => ({}) as never);
    effects.closeForm(null);
    expect(services.announce).not.toHaveBeenCalled();
    const resource = { ...company, companyName: 'Fabrikam', etag: '"c2"' };
    effects.closeForm({ kind: 'company', resource, undo: { companyName: 'Contoso' } });
    expect(services.announce).toHaveBeenCalledWith('c1');
    expect(store.getState().undo).toEqual({ kind: 'company', patch: { companyName: 'Contoso' }, etag: '"c2"' });
  });

  test('an unsent draft reopens its form, the billing profile first', async () => {
    const { store, services, effects } = accountSession(async () => ({}) as never);
    const draft = (kind: string) => ({ values: { kind }, base: {}, etag: '"1"', savedAt: 1 });
    services.loadDraft = async (_id, kind) => draft(kind);
    await effects.reopenDraft();
    expect(store.getState().editing).toEqual({ kind: 'billing', draft: draft('billing'), etag: '"1"' });
  });
});
