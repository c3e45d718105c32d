import type { CompanyProfile } from '@/domain/schemas';
import { t } from '@/services/i18n';
import { DetailList } from './DetailList';

export function CompanyDetails({ company }: { company: CompanyProfile }) {
  return (
    <DetailList
      details={[
        { label: t('field.companyName'), value: company.companyName },
        { label: t('field.domain'), value: company.domain, readOnly: true },
        { label: t('field.tenantId'), value: company.tenantId, readOnly: true },
        { label: t('field.registrationNumber'), value: company.organizationRegistrationNumber },
      ]}
    />
  );
}
