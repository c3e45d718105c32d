import { useEffect, useId, useState } from 'preact/hooks';
import { type FormKind, type ResourceKind, type Resources, withResource } from '@/domain/resources';
import { type Action, can } from '@/domain/roles';
import type { Customer } from '@/domain/schemas';
import { ApiError, getCustomer, patchResource } from '@/utils/api-client';
import { denial } from '@/utils/denial';
import { type Draft, loadDraft } from '@/utils/drafts';
import { errorMessage } from '@/utils/error-message';
import { t } from '@/utils/i18n';
import { rememberCustomer } from '@/utils/recent-customers';
import { withRetry } from '@/utils/retry';
import { customerChangedItem, roleItem } from '@/utils/storage';
import { useModule } from '@/utils/use-module';
import { useStorageItem } from '@/utils/use-storage-item';
import { AuditLog } from './AuditLog';
import { BillingDetails } from './BillingDetails';
import { DetailList } from './DetailList';
import { type PermissionKey, PurchasePermissionSwitches } from './PurchasePermissionSwitches';
import type { Saved } from './ResourceForm';
import { type Status, StatusMessage } from './StatusMessage';

const loadBillingForm = () => import('./BillingProfileForm');
const loadCompanyForm = () => import('./CompanyProfileForm');

/** Step 2 of the job: the customer's Account page, and the edits made from it. */
export function CustomerAccount({ id, onBack }: { id: string; onBack: () => void }) {
  const role = useStorageItem(roleItem);
  const changed = useStorageItem(customerChangedItem);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState<{ kind: FormKind; draft: Draft | null } | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [refocus, setRefocus] = useState<FormKind | null>(null);
  const [version, setVersion] = useState(0);
  const reasonId = useId();
  const mayView = role !== undefined && can(role, 'viewCustomers');

  // Only a change to this customer makes it worth reading again.
  useEffect(() => {
    if (changed?.id === id) setVersion(changed.at);
  }, [changed, id]);

  useEffect(() => {
    if (!mayView) return;
    const controller = new AbortController();
    setLoadError(null);
    withRetry(() => getCustomer(id, controller.signal), controller.signal).then(
      ({ data }) => {
        setCustomer(data);
        void rememberCustomer(data);
      },
      (error) => controller.signal.aborted || setLoadError(errorMessage(error)),
    );
    return () => controller.abort();
  }, [id, attempt, version, mayView]);

  // An unsent draft reopens its form (the popup was closed, or the agent moved to the side panel).
  useEffect(() => {
    let live = true;
    void Promise.all([loadDraft(id, 'billing'), loadDraft(id, 'company')]).then(([billing, company]) => {
      if (!live) return;
      if (billing) setEditing({ kind: 'billing', draft: billing });
      else if (company) setEditing({ kind: 'company', draft: company });
    });
    return () => {
      live = false;
    };
  }, [id]);

  const BillingForm = useModule(loadBillingForm, editing?.kind === 'billing')?.BillingProfileForm;
  const CompanyForm = useModule(loadCompanyForm, editing?.kind === 'company')?.CompanyProfileForm;

  /** Tells every open view (popup, side panel) to re-read this customer. */
  const publish = () => void customerChangedItem.setValue({ id, at: Date.now() });

  /** A write landed: show it here and in the other views, and offer Undo (the previous values, with the new ETag). */
  function landed<K extends ResourceKind>(kind: K, resource: Resources[K], text: string, undo?: object) {
    setCustomer((c) => c && withResource(c, kind, resource));
    publish();
    setStatus({
      text,
      focus: true,
      undo: undo && (() => void write(kind, undo, resource.etag, t('undone')).catch(fail)),
    });
  }

  async function write<K extends ResourceKind>(
    kind: K,
    patch: object,
    ifMatch: string | undefined,
    done: string,
    undo?: object,
  ) {
    landed(kind, await patchResource(id, kind, patch, ifMatch ?? ''), done, undo);
  }

  function fail(error: unknown) {
    setStatus({ text: errorMessage(error), alert: true });
    // A stale copy cannot be written: show the customer as it is now.
    if (error instanceof ApiError && error.status === 412) setAttempt((n) => n + 1);
  }

  function closeForm(saved: Saved | null) {
    setEditing(null);
    // Cancel: back to the button that opened the form (a save focuses its status instead).
    if (!saved) return setRefocus(editing?.kind ?? null);
    landed(saved.kind, saved.resource, t(saved.kind === 'billing' ? 'billing.saved' : 'company.saved'), saved.undo);
  }

  async function changePermission(key: PermissionKey, on: boolean) {
    if (!customer) return;
    setBusy(true);
    const product = t(`permission.product.${key}`);
    try {
      await write(
        'permission',
        { [key]: on },
        customer.purchasePermission.etag,
        t(on ? 'permission.savedOn' : 'permission.savedOff', { product }),
        { [key]: !on },
      );
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  const editDenial = (action: Action) => {
    const reason = denial(role, action);
    return { disabled: reason !== null, 'aria-describedby': reason ? `${reasonId}-${action}` : undefined };
  };
  const reasonFor = (action: Action) => {
    const reason = denial(role, action);
    return (
      reason && (
        <p id={`${reasonId}-${action}`} class="reason">
          {reason}
        </p>
      )
    );
  };

  useEffect(() => {
    if (refocus) document.getElementById(`${reasonId}-edit-${refocus}`)?.focus();
  }, [refocus, reasonId]);

  const startEditing = (kind: FormKind) => {
    setRefocus(null);
    setStatus(null);
    setEditing({ kind, draft: null });
  };

  return (
    <section class="account">
      <button type="button" onClick={onBack}>
        {t('back')}
      </button>
      <StatusMessage status={status} />
      {!mayView && role && <p class="reason">{denial(role, 'viewCustomers')}</p>}
      {loadError && (
        <p role="alert" class="error">
          {loadError}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('retry')}
          </button>
        </p>
      )}
      {mayView && !customer && !loadError && <p role="status">{t('loading')}</p>}
      {customer && (
        <>
          <h2 class="customer-name">{customer.companyProfile.companyName}</h2>
          {editing?.kind === 'billing' ? (
            BillingForm ? (
              <BillingForm
                customerId={id}
                resource={customer.billingProfile}
                draft={editing.draft}
                onClose={closeForm}
              />
            ) : (
              <p role="status">{t('loading')}</p>
            )
          ) : editing?.kind === 'company' ? (
            CompanyForm ? (
              <CompanyForm
                customerId={id}
                resource={customer.companyProfile}
                country={customer.billingProfile.defaultAddress.country}
                draft={editing.draft}
                onClose={closeForm}
              />
            ) : (
              <p role="status">{t('loading')}</p>
            )
          ) : (
            <>
              <section aria-labelledby={`${reasonId}-company`}>
                <h3 id={`${reasonId}-company`}>{t('company.title')}</h3>
                <DetailList
                  details={[
                    { label: t('field.companyName'), value: customer.companyProfile.companyName },
                    { label: t('field.domain'), value: customer.companyProfile.domain, readOnly: true },
                    { label: t('field.tenantId'), value: customer.companyProfile.tenantId, readOnly: true },
                    {
                      label: t('field.registrationNumber'),
                      value: customer.companyProfile.organizationRegistrationNumber,
                    },
                  ]}
                />
                <button
                  type="button"
                  id={`${reasonId}-edit-company`}
                  {...editDenial('editCompanyProfile')}
                  onClick={() => startEditing('company')}
                >
                  {t('company.edit')}
                </button>
                {reasonFor('editCompanyProfile')}
              </section>
              <section aria-labelledby={`${reasonId}-billing`}>
                <h3 id={`${reasonId}-billing`}>{t('billing.title')}</h3>
                <BillingDetails customer={customer} />
                <button
                  type="button"
                  id={`${reasonId}-edit-billing`}
                  {...editDenial('editBillingProfile')}
                  onClick={() => startEditing('billing')}
                >
                  {t('billing.edit')}
                </button>
                {reasonFor('editBillingProfile')}
              </section>
            </>
          )}
          <section aria-labelledby={`${reasonId}-permission`}>
            <h3 id={`${reasonId}-permission`}>{t('permission.title')}</h3>
            <PurchasePermissionSwitches
              permission={customer.purchasePermission}
              denial={denial(role, 'editPurchasePermission')}
              busy={busy}
              onChange={(key, on) => void changePermission(key, on)}
            />
          </section>
          {role && can(role, 'viewAuditLog') && <AuditLog customerId={id} version={version} />}
        </>
      )}
    </section>
  );
}
