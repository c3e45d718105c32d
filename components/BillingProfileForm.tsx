import type { BillingProfile } from '@/domain/schemas';
import { ApiError } from '@/services/api-client';
import { currentBackend } from '@/services/backends';
import { countryChoices } from '@/services/country-choices';
import type { Draft } from '@/services/drafts';
import type { Saved } from '@/state/edit-session/form';
import type { PreCheck } from '@/state/edit-session/form-effects';
import { applyValues, type FormValues, toValues } from '@/state/edit-session/form-model';
import { validateResource } from '@/state/edit-session/form-validation';
import { type FieldSpec, ResourceForm } from './ResourceForm';

const ADDRESS = 'defaultAddress.';

export const BILLING_FIELDS: readonly FieldSpec[] = [
  { path: 'firstName', label: 'field.firstName', autocomplete: 'given-name' },
  { path: 'lastName', label: 'field.lastName', autocomplete: 'family-name' },
  { path: 'email', label: 'field.email', type: 'email', autocomplete: 'email' },
  { path: 'companyName', label: 'field.companyName', autocomplete: 'organization' },
  { path: 'culture', label: 'field.culture' },
  { path: 'language', label: 'field.language' },
  {
    path: `${ADDRESS}country`,
    label: 'field.country',
    choices: (values) => countryChoices(values[`${ADDRESS}country`]),
  },
  { path: `${ADDRESS}addressLine1`, label: 'field.addressLine1', autocomplete: 'address-line1' },
  { path: `${ADDRESS}addressLine2`, label: 'field.addressLine2', autocomplete: 'address-line2' },
  { path: `${ADDRESS}city`, label: 'field.city', autocomplete: 'address-level2' },
  { path: `${ADDRESS}state`, label: 'field.state', autocomplete: 'address-level1' },
  { path: `${ADDRESS}postalCode`, label: 'field.postalCode', autocomplete: 'postal-code' },
  { path: `${ADDRESS}phoneNumber`, label: 'field.phoneNumber', type: 'tel', autocomplete: 'tel' },
];
const ADDRESS_PATHS = BILLING_FIELDS.map((f) => f.path).filter((p) => p.startsWith(ADDRESS));

/**
 * A changed address is checked with the API before Submit, where the backend can (the mock; Partner Center's
 * connection leaves it to the write); its suggestion is offered, never applied unasked.
 */
async function checkAddress(resource: BillingProfile, values: FormValues, changed: string[]): Promise<PreCheck | null> {
  if (!changed.some((path) => path.startsWith(ADDRESS))) return null;
  const { validateAddress } = await currentBackend();
  if (!validateAddress) return null;
  try {
    await validateAddress(applyValues(resource, values).defaultAddress);
    return null;
  } catch (error) {
    // Anything but a verdict on the address (API down, no such route) leaves the check to the write itself.
    if (!(error instanceof ApiError) || error.status !== 400 || !error.body) return null;
    const fields = error.body.error.fields ?? {};
    const errors = Object.fromEntries(Object.entries(fields).map(([path, message]) => [ADDRESS + path, message]));
    const suggested = error.body.suggestedAddress;
    return { errors, suggestion: suggested ? toValues({ defaultAddress: suggested }, ADDRESS_PATHS) : null };
  }
}

interface Props {
  customerId: string;
  resource: BillingProfile;
  draft: Draft | null;
  onClose: (saved: Saved<'billing'> | null) => void;
}

export function BillingProfileForm({ customerId, resource, draft, onClose }: Props) {
  return (
    <ResourceForm
      customerId={customerId}
      kind="billing"
      title="billing.edit"
      fields={BILLING_FIELDS}
      resource={resource}
      draft={draft}
      validate={(values) => validateResource('billing', resource, values, resource.defaultAddress.country)}
      preCheck={(values, changed) => checkAddress(resource, values, changed)}
      onClose={onClose}
    />
  );
}
