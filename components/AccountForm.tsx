import type { FormKind } from '@/domain/resources';
import type { Customer } from '@/domain/schemas';
import { useModule } from '@/hooks/use-module';
import type { Draft } from '@/services/drafts';
import type { Saved } from '@/state/edit-session/form';
import { Skeleton } from './Skeleton';

const loadBillingForm = () => import('./BillingProfileForm');
const loadCompanyForm = () => import('./CompanyProfileForm');

interface Props {
  customer: Customer;
  editing: { kind: FormKind; draft: Draft | null };
  onClose: (saved: Saved | null) => void;
}

/** The form open on the Account page, loaded the first time it is wanted: forms and zod stay out of the first script. */
export function AccountForm({ customer, editing, onClose }: Props) {
  const BillingForm = useModule(loadBillingForm, editing.kind === 'billing')?.BillingProfileForm;
  const CompanyForm = useModule(loadCompanyForm, editing.kind === 'company')?.CompanyProfileForm;
  if (editing.kind === 'billing' && BillingForm)
    return (
      <BillingForm
        customerId={customer.id}
        resource={customer.billingProfile}
        draft={editing.draft}
        onClose={onClose}
      />
    );
  if (editing.kind === 'company' && CompanyForm)
    return (
      <CompanyForm
        customerId={customer.id}
        resource={customer.companyProfile}
        country={customer.billingProfile.defaultAddress.country}
        draft={editing.draft}
        onClose={onClose}
      />
    );
  return <Skeleton lines={6} />;
}
