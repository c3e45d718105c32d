import type { CompanyProfile } from '@/domain/schemas';
import type { CustomerHit } from '@/services/backends/backend';
import { t } from '@/services/i18n';
import { DetailList } from './DetailList';

type Company = CompanyProfile | CustomerHit['companyProfile'];

/** The company's details; from a search result (`pending`), the registration number waits as a skeleton line. */
export function CompanyDetails({ company, pending = false }: { company: Company; pending?: boolean }) {
  const registration = (company as Partial<CompanyProfile>).organizationRegistrationNumber;
  return (
    <DetailList
      details={[
        { label: t('field.companyName'), value: company.companyName },
        { label: t('field.domain'), value: company.domain, readOnly: true },
        { label: t('field.tenantId'), value: company.tenantId, readOnly: true },
        { label: t('field.registrationNumber'), value: pending ? null : registration },
      ]}
    />
  );
}
