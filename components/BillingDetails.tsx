import type { Customer } from '@/domain/schemas';
import { t } from '@/services/i18n';
import { DetailList } from './DetailList';

export function BillingDetails({ customer }: { customer: Customer }) {
  const b = customer.billingProfile;
  const a = b.defaultAddress;
  return (
    <DetailList
      details={[
        { label: t('field.name'), value: `${b.firstName} ${b.lastName}` },
        { label: t('field.email'), value: b.email },
        { label: t('field.culture'), value: `${b.culture} / ${b.language}` },
        {
          label: t('field.address'),
          value: [a.addressLine1, a.addressLine2, a.city, a.state, a.postalCode, a.country].filter(Boolean).join(', '),
        },
        { label: t('field.phoneNumber'), value: a.phoneNumber },
      ]}
    />
  );
}
