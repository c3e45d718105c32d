import type { BillingProfile } from '@/domain/schemas';
import { ApiError } from '@/services/api-client';
import { currentBackend } from '@/services/backends';
import { countryChoices } from '@/services/country-choices';
import type { Draft } from '@/services/drafts';
import { FIELD_LABELS, type FieldPath } from '@/services/field-labels';
import type { Saved } from '@/state/edit-session/form';
import type { PreCheck } from '@/state/edit-session/form-effects';
import { applyValues, type FormValues, toValues } from '@/state/edit-session/form-model';
import { validateResource } from '@/state/edit-session/form-validation';
import { type FieldSpec, ResourceForm } from './ResourceForm';

const ADDRESS = 'defaultAddress.';

const field = (path: FieldPath<'billing'>, more: Omit<FieldSpec, 'path' | 'label'> = {}): FieldSpec => ({
  path,
  label: FIELD_LABELS.billing[path],
  ...more,
});

export const BILLING_FIELDS: readonly FieldSpec[] = [
  field('firstName', { autocomplete: 'given-name' }),
  field('lastName', { autocomplete: 'family-name' }),
  field('email', { type: 'email', autocomplete: 'email' }),
  field('companyName', { autocomplete: 'organization' }),
  field('culture'),
  field('language'),
  field(`${ADDRESS}country`, { choices: (values) => countryChoices(values[`${ADDRESS}country`]) }),
  field(`${ADDRESS}addressLine1`, { autocomplete: 'address-line1' }),
  field(`${ADDRESS}addressLine2`, { autocomplete: 'address-line2' }),
  field(`${ADDRESS}city`, { autocomplete: 'address-level2' }),
  field(`${ADDRESS}state`, { autocomplete: 'address-level1' }),
  field(`${ADDRESS}postalCode`, { autocomplete: 'postal-code' }),
  field(`${ADDRESS}phoneNumber`, { type: 'tel', autocomplete: 'tel' }),
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
