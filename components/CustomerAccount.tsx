import { useId } from 'preact/hooks';
import type { FormKind } from '@/domain/resources';
import { useAccount } from '@/hooks/use-account';
import { useRole } from '@/hooks/use-role';
import { useSettings } from '@/hooks/use-settings';
import type { CustomerHit } from '@/services/backends/backend';
import { denial } from '@/services/denial';
import { t } from '@/services/i18n';
import { customerPageUrl } from '@/services/partner-center-web';
import { AccountForm } from './AccountForm';
import { AuditLog } from './AuditLog';
import { BillingDetails } from './BillingDetails';
import { CompanyDetails } from './CompanyDetails';
import { ProfileSection } from './ProfileSection';
import { PurchasePermissionSwitches } from './PurchasePermissionSwitches';
import { RetryAlert } from './RetryAlert';
import { Skeleton, SkeletonLines } from './Skeleton';
import { StatusMessage } from './StatusMessage';

/** Step 2 of the job: the customer's Account page; its state and writes are the account model (state/edit-session/account.ts). */
export function CustomerAccount({
  id,
  hidden = false,
  reopened = 0,
  preview = null,
}: {
  id: string;
  hidden?: boolean;
  reopened?: number;
  /** What the search list knew of this customer: shown at once, the rest as skeletons until the whole read lands. */
  preview?: CustomerHit | null;
}) {
  const role = useRole();
  const mayView = role !== undefined && !denial(role, 'viewCustomers');
  const partnerCenter = useSettings()?.connection === 'partnerCenter';
  const { page, dispatch, ...act } = useAccount(id, mayView, reopened);
  const { customer, editing } = page;
  const permissionTitle = useId();
  const edit = (kind: FormKind) => dispatch({ type: 'editOpened', kind, draft: null });
  // Before the first read lands, the list's summary of this customer (docs/architecture.md, "Fresh and fast").
  const early = !customer && mayView && !page.loadError && preview?.id === id ? preview : null;
  const shown = customer ?? early;
  const pending = customer === null;

  return (
    // Hidden, not gone, while the agent searches over it: Escape brings it back as it was, an open form included.
    <section class="account" hidden={hidden}>
      <StatusMessage status={page.status} onUndo={() => void act.undo()} />
      {!mayView && role && <p class="reason">{denial(role, 'viewCustomers')}</p>}
      {page.loadError && <RetryAlert message={page.loadError} onRetry={act.load} />}
      {mayView && !shown && !page.loadError && <Skeleton title cards={2} />}
      {pending && early && (
        <p role="status" class="visually-hidden">
          {t('loading')}
        </p>
      )}
      {shown && (
        <>
          <h2 class="customer-name">{shown.companyProfile.companyName}</h2>
          {customer && editing ? (
            <>
              {page.changedElsewhere && (
                <p class="notice changed-elsewhere" role="status">
                  {t('account.changedElsewhere')}
                </p>
              )}
              <AccountForm customer={customer} editing={editing} onClose={act.closeForm} />
            </>
          ) : (
            <>
              <ProfileSection
                kind="company"
                role={role}
                pending={pending}
                readOnly={partnerCenter ? t('pc.companyReadOnly') : undefined}
                returnFocus={page.returnFocus === 'company'}
                onEdit={edit}
              >
                <CompanyDetails company={shown.companyProfile} pending={pending} />
                {partnerCenter && (
                  <a href={customerPageUrl(shown.id)} target="_blank" rel="noreferrer">
                    {t('pc.openCustomer')}
                  </a>
                )}
              </ProfileSection>
              <ProfileSection
                kind="billing"
                role={role}
                pending={pending}
                returnFocus={page.returnFocus === 'billing'}
                onEdit={edit}
              >
                <BillingDetails billing={shown.billingProfile} pending={pending} />
              </ProfileSection>
            </>
          )}
          <section class="card" aria-labelledby={permissionTitle}>
            <h3 id={permissionTitle}>{t('permission.title')}</h3>
            {customer ? (
              <PurchasePermissionSwitches
                permission={customer.purchasePermission}
                denial={denial(role, 'editPurchasePermission')}
                busy={page.writing}
                onChange={(key, on) => void act.switchPermission(key, on)}
              />
            ) : (
              <SkeletonLines lines={2} />
            )}
          </section>
          {customer && role !== undefined && !denial(role, 'viewAuditLog') && (
            <AuditLog customerId={id} version={page.version} />
          )}
        </>
      )}
    </section>
  );
}
