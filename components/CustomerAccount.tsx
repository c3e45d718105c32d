import { useId } from 'preact/hooks';
import type { FormKind } from '@/domain/resources';
import { useAccount } from '@/hooks/use-account';
import { useRole } from '@/hooks/use-role';
import { useSettings } from '@/hooks/use-settings';
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
import { Skeleton } from './Skeleton';
import { StatusMessage } from './StatusMessage';

/** Step 2 of the job: the customer's Account page; its state and writes are the account model (state/edit-session/account.ts). */
export function CustomerAccount({
  id,
  hidden = false,
  reopened = 0,
}: {
  id: string;
  hidden?: boolean;
  reopened?: number;
}) {
  const role = useRole();
  const mayView = role !== undefined && !denial(role, 'viewCustomers');
  const partnerCenter = useSettings()?.connection === 'partnerCenter';
  const { page, dispatch, ...act } = useAccount(id, mayView, reopened);
  const { customer, editing } = page;
  const permissionTitle = useId();
  const edit = (kind: FormKind) => dispatch({ type: 'editOpened', kind, draft: null });

  return (
    // Hidden, not gone, while the agent searches over it: Escape brings it back as it was, an open form included.
    <section class="account" hidden={hidden}>
      <StatusMessage status={page.status} onUndo={() => void act.undo()} />
      {!mayView && role && <p class="reason">{denial(role, 'viewCustomers')}</p>}
      {page.loadError && <RetryAlert message={page.loadError} onRetry={act.load} />}
      {mayView && !customer && !page.loadError && <Skeleton title cards={2} />}
      {customer && (
        <>
          <h2 class="customer-name">{customer.companyProfile.companyName}</h2>
          {editing ? (
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
                readOnly={partnerCenter ? t('pc.companyReadOnly') : undefined}
                returnFocus={page.returnFocus === 'company'}
                onEdit={edit}
              >
                <CompanyDetails company={customer.companyProfile} />
                {partnerCenter && (
                  <a href={customerPageUrl(customer.id)} target="_blank" rel="noreferrer">
                    {t('pc.openCustomer')}
                  </a>
                )}
              </ProfileSection>
              <ProfileSection kind="billing" role={role} returnFocus={page.returnFocus === 'billing'} onEdit={edit}>
                <BillingDetails customer={customer} />
              </ProfileSection>
            </>
          )}
          <section class="card" aria-labelledby={permissionTitle}>
            <h3 id={permissionTitle}>{t('permission.title')}</h3>
            <PurchasePermissionSwitches
              permission={customer.purchasePermission}
              denial={denial(role, 'editPurchasePermission')}
              busy={page.writing}
              onChange={(key, on) => void act.switchPermission(key, on)}
            />
          </section>
          {role !== undefined && !denial(role, 'viewAuditLog') && <AuditLog customerId={id} version={page.version} />}
        </>
      )}
    </section>
  );
}
