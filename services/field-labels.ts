/**
 * What the forms call each field of each writable resource, by dotted path: the forms label their inputs with it
 * and the audit log names a change's fields with it, so the two never disagree.
 */
import type { ResourceKind } from '@/domain/resources';
import type { MessageKey } from '@/locales/en';

export const FIELD_LABELS = {
  billing: {
    firstName: 'field.firstName',
    lastName: 'field.lastName',
    email: 'field.email',
    companyName: 'field.companyName',
    culture: 'field.culture',
    language: 'field.language',
    'defaultAddress.country': 'field.country',
    'defaultAddress.addressLine1': 'field.addressLine1',
    'defaultAddress.addressLine2': 'field.addressLine2',
    'defaultAddress.city': 'field.city',
    'defaultAddress.state': 'field.state',
    'defaultAddress.postalCode': 'field.postalCode',
    'defaultAddress.phoneNumber': 'field.phoneNumber',
  },
  company: {
    companyName: 'field.companyName',
    organizationRegistrationNumber: 'field.registrationNumber',
  },
  permission: {
    azureReservations: 'permission.product.azureReservations',
    azureSavingsPlans: 'permission.product.azureSavingsPlans',
  },
} as const satisfies { [K in ResourceKind]: Record<string, MessageKey> };

export type FieldPath<K extends ResourceKind> = keyof (typeof FIELD_LABELS)[K] & string;

/** The label of a resource's field, or undefined for a path no form shows. */
export function fieldLabel(kind: ResourceKind | undefined, path: string): MessageKey | undefined {
  const labels: Record<string, MessageKey> | undefined = kind && FIELD_LABELS[kind];
  return labels?.[path];
}
