import type { CompanyProfile } from '@/domain/schemas';
import type { Draft } from '@/services/drafts';
import { FIELD_LABELS } from '@/services/field-labels';
import type { Saved } from '@/state/edit-session/form';
import { validateResource } from '@/state/edit-session/form-validation';
import { type FieldSpec, ResourceForm } from './ResourceForm';

const COMPANY_FIELDS: readonly FieldSpec[] = [
  { path: 'companyName', label: FIELD_LABELS.company.companyName, autocomplete: 'organization' },
  { path: 'organizationRegistrationNumber', label: FIELD_LABELS.company.organizationRegistrationNumber },
];

interface Props {
  customerId: string;
  resource: CompanyProfile;
  /** The registration number is required in some countries, and the country lives in the billing address. */
  country: string;
  draft: Draft | null;
  onClose: (saved: Saved<'company'> | null) => void;
}

export function CompanyProfileForm({ customerId, resource, country, draft, onClose }: Props) {
  return (
    <ResourceForm
      customerId={customerId}
      kind="company"
      title="company.edit"
      fields={COMPANY_FIELDS}
      resource={resource}
      draft={draft}
      readOnly={[
        { label: 'field.domain', value: resource.domain },
        { label: 'field.tenantId', value: resource.tenantId },
      ]}
      validate={(values) => validateResource('company', resource, values, country)}
      onClose={onClose}
    />
  );
}
