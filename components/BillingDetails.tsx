import type { BillingProfile } from '@/domain/schemas';
import type { CustomerHit } from '@/services/backends/backend';
import { t } from '@/services/i18n';
import { DetailList } from './DetailList';

type Billing = BillingProfile | NonNullable<CustomerHit['billingProfile']>;

/**
 * The billing profile's details; from a search result (`pending`), what it knows (the contact, the e-mail, the
 * city and country) shows at once and the rest waits as skeleton lines.
 */
export function BillingDetails({ billing, pending = false }: { billing: Billing | undefined; pending?: boolean }) {
  // Read as partial: a summary carries some of the fields, the whole profile all of them.
  const b = (billing ?? {}) as Partial<Omit<BillingProfile, 'defaultAddress'>> & {
    defaultAddress?: Partial<BillingProfile['defaultAddress']>;
  };
  const a = b.defaultAddress ?? {};
  const known = (value: string | undefined) => (pending && !value ? null : value);
  const address = [a.addressLine1, a.addressLine2, a.city, a.state, a.postalCode, a.country].filter(Boolean).join(', ');
  return (
    <DetailList
      details={[
        { label: t('field.name'), value: known(b.firstName && `${b.firstName} ${b.lastName}`) },
        { label: t('field.email'), value: known(b.email) },
        { label: t('field.culture'), value: known(b.culture && `${b.culture} / ${b.language}`) },
        { label: t('field.address'), value: known(address) },
        { label: t('field.phoneNumber'), value: known(a.phoneNumber) },
      ]}
    />
  );
}
