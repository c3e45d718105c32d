/**
 * Partner Center's own REST shapes (`/v1`), from Microsoft's REST reference and the .NET SDK's models, as zod
 * schemas: what the mock answers, what it accepts, and what the extension's Partner Center connection will read.
 * camelCase on the wire, as Partner Center answers; request bodies may also come in PascalCase, as Microsoft's own
 * examples send them (`normalizeKeys` folds them first). Our own shapes are in `schemas.ts`; the one translation
 * between the two is `partner-center-mapping.ts`; the readings of what Microsoft leaves open, `partner-center-readings.ts`.
 */
import { z } from 'zod/mini';
import { RELATIONSHIPS } from './schemas';

/** The audience of every Partner Center access token, and the scope a delegated (App+User) token carries. */
export const PC_AUDIENCE = 'https://api.partnercenter.microsoft.com';
export const PC_SCOPE = 'user_impersonation';
/** The header that carries a collection's next-page token, in a request and in the `next` link. */
export const CONTINUATION_HEADER = 'MS-ContinuationToken';

export const Link = z.strictObject({
  uri: z.string(),
  method: z.string(),
  headers: z.array(z.strictObject({ key: z.string(), value: z.string() })),
});
export type Link = z.infer<typeof Link>;

const links = z.strictObject({ self: Link });
const attributes = <T extends string>(objectType: T) =>
  z.strictObject({ etag: z.optional(z.string()), objectType: z.literal(objectType) });

export const PcAddress = z.strictObject({
  country: z.string(),
  region: z.optional(z.string()),
  city: z.string(),
  state: z.optional(z.string()),
  addressLine1: z.string(),
  addressLine2: z.optional(z.string()),
  postalCode: z.optional(z.string()),
  firstName: z.optional(z.string()),
  lastName: z.optional(z.string()),
  phoneNumber: z.optional(z.string()),
});
export type PcAddress = z.infer<typeof PcAddress>;

export const CustomerBillingProfile = z.strictObject({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  culture: z.string(),
  language: z.string(),
  companyName: z.string(),
  defaultAddress: PcAddress,
  links,
  attributes: attributes('CustomerBillingProfile'),
});
export type CustomerBillingProfile = z.infer<typeof CustomerBillingProfile>;

/** In a customer list Partner Center shows only these parts of the company profile. */
const CustomerCompanyProfileSummary = z.strictObject({
  tenantId: z.string(),
  domain: z.string(),
  companyName: z.string(),
  links,
  attributes: attributes('CustomerCompanyProfile'),
});

export const CustomerCompanyProfile = z.strictObject({
  tenantId: z.string(),
  domain: z.string(),
  companyName: z.string(),
  organizationRegistrationNumber: z.optional(z.string()),
  address: z.omit(PcAddress, { firstName: true, lastName: true }),
  email: z.string(),
  links,
  attributes: attributes('CustomerCompanyProfile'),
});
export type CustomerCompanyProfile = z.infer<typeof CustomerCompanyProfile>;

export const CustomerSummary = z.strictObject({
  id: z.string(),
  companyProfile: CustomerCompanyProfileSummary,
  relationshipToPartner: z.enum(RELATIONSHIPS),
  links,
  attributes: attributes('Customer'),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const PcCustomer = z.strictObject({
  id: z.string(),
  commerceId: z.string(),
  companyProfile: CustomerCompanyProfile,
  billingProfile: CustomerBillingProfile,
  relationshipToPartner: z.enum(RELATIONSHIPS),
  /** Partner Center leaves it out when the partner has no delegated access to the customer. */
  customDomains: z.optional(z.array(z.string())),
  allowDelegatedAccess: z.boolean(),
  links,
  attributes: attributes('Customer'),
});
export type PcCustomer = z.infer<typeof PcCustomer>;

/** The two self-serve resources Partner Center lets a partner open to a customer, and our field for each. */
export const POLICY_RESOURCES = {
  AzureReservedInstances: 'azureReservations',
  AzureSavingsPlan: 'azureSavingsPlans',
} as const;
export type PolicyResource = keyof typeof POLICY_RESOURCES;
const policyResource = z.enum(Object.keys(POLICY_RESOURCES) as [PolicyResource, ...PolicyResource[]]);

export const SelfServePolicy = z.strictObject({
  id: z.string(),
  selfServeEntity: z.strictObject({ selfServeEntityType: z.literal('customer'), tenantID: z.string() }),
  grantor: z.strictObject({ grantorType: z.literal('billToPartner'), tenantID: z.string() }),
  permissions: z.array(z.strictObject({ resource: policyResource, action: z.literal('Purchase') })),
  attributes: attributes('SelfServePolicy'),
});
export type SelfServePolicy = z.infer<typeof SelfServePolicy>;

/** Partner Center's enum values on the wire: the .NET SDK writes `SelfServePolicy` as `self_serve_policy`. */
const AUDIT_RESOURCE_TYPES = ['customer', 'self_serve_policy'] as const;
export type AuditResourceType = (typeof AUDIT_RESOURCE_TYPES)[number];
const OPERATION_TYPES = [
  'update_customer_billing_profile',
  'update_customer_company_profile',
  'create_self_serve_policy',
  'update_self_serve_policy',
  'delete_self_serve_policy',
] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export const AuditRecord = z.strictObject({
  id: z.string(),
  partnerId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  userPrincipalName: z.optional(z.string()),
  resourceType: z.enum(AUDIT_RESOURCE_TYPES),
  /** The resource as JSON text before and after, in Partner Center's shape; absent where there was none. */
  resourceOldValue: z.optional(z.string()),
  resourceNewValue: z.optional(z.string()),
  operationType: z.enum(OPERATION_TYPES),
  operationDate: z.string(),
  operationStatus: z.literal('succeeded'),
  attributes: attributes('AuditRecord'),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const Collection = <T extends z.ZodMiniType>(item: T) =>
  z.strictObject({
    totalCount: z.number(),
    items: z.array(item),
    links: z.strictObject({ self: Link, next: z.optional(Link) }),
    /** As the .NET SDK's SeekBasedResourceCollection: the token the `next` link's header also carries. */
    continuationToken: z.optional(z.string()),
    attributes: attributes('Collection'),
  });
export interface Collection<T> {
  totalCount: number;
  items: T[];
  links: { self: Link; next?: Link };
  continuationToken?: string;
  attributes: { objectType: 'Collection' };
}

/** Partner Center's error body. */
export const PcErrorBody = z.strictObject({
  code: z.string(),
  description: z.string(),
  data: z.array(z.unknown()),
  source: z.string(),
});
export type PcErrorBody = z.infer<typeof PcErrorBody>;

/**
 * The errors the local Partner Center answers, each with the HTTP status and code Microsoft documents for it (the
 * README lists the page each comes from). Where Microsoft documents no code, the code is the HTTP status itself.
 */
export const PC_ERRORS = {
  tokenMissing: { status: 401, code: '800001', description: 'Partner Token missing in request context' },
  accessDenied: { status: 401, code: '400', description: 'Access denied' },
  forbidden: { status: 403, code: '2032', description: 'Access denied' },
  appCredentials: {
    status: 403,
    code: '403',
    description: "This resource can't be accessed by application credentials",
  },
  notFound: { status: 404, code: '1000', description: 'Not found' },
  tenantNotFound: { status: 404, code: '60003', description: 'Tenant not found' },
  policyNotFound: { status: 404, code: '600039', description: 'Self-serve policy not found' },
  policyIdIncorrect: { status: 404, code: '600040', description: 'Self-serve policy identifier is incorrect' },
  methodNotAllowed: { status: 405, code: '405', description: 'Method not allowed' },
  policyExists: { status: 409, code: '600041', description: 'Self-serve policy already exists' },
  tooLarge: { status: 413, code: '413', description: 'Request entity too large' },
  unsupportedMediaType: { status: 415, code: '415', description: 'Unsupported media type' },
  invalidInput: { status: 400, code: '800002', description: 'Invalid request input' },
  invalidProperty: { status: 400, code: '3000', description: 'Invalid property' },
  phoneMissing: { status: 400, code: '600051', description: 'Customer phone number is missing' },
  staleEtag: { status: 400, code: '2055', description: 'Etag is no longer valid' },
  unexpected: { status: 500, code: '800003', description: 'Unexpected service error' },
  storageFull: { status: 507, code: '507', description: 'Insufficient storage' },
  storageError: { status: 503, code: '503', description: 'Service unavailable' },
} as const;
export type PcErrorKind = keyof typeof PC_ERRORS;

// Request bodies, after normalizeKeys. `null` stands for "none" where Microsoft's examples send it so.
const optionalText = z.optional(z.nullable(z.string()));
const echoedLinks = z.optional(z.nullable(z.record(z.string(), z.unknown())));
const echoedAttributes = (objectType: string) =>
  z.optional(
    z.nullable(z.strictObject({ etag: optionalText, objectType: z.optional(z.nullable(z.literal(objectType))) })),
  );

export const BillingProfileInput = z.strictObject({
  id: optionalText,
  firstName: optionalText,
  lastName: optionalText,
  email: optionalText,
  culture: optionalText,
  language: optionalText,
  companyName: optionalText,
  defaultAddress: z.optional(
    z.nullable(
      z.strictObject({
        country: optionalText,
        region: optionalText,
        city: optionalText,
        state: optionalText,
        addressLine1: optionalText,
        addressLine2: optionalText,
        postalCode: optionalText,
        firstName: optionalText,
        /** In the SDK's Address; the mock keeps no middle name, so only none is accepted. */
        middleName: z.optional(z.nullable(z.literal(''))),
        lastName: optionalText,
        phoneNumber: optionalText,
      }),
    ),
  ),
  links: echoedLinks,
  attributes: echoedAttributes('CustomerBillingProfile'),
});
export type BillingProfileInput = z.infer<typeof BillingProfileInput>;

/** Partner Center documents these values capitalised ("Customer", "BillToPartner") and sends them camelCase. */
const caseless = <T extends string>(value: T) =>
  z.pipe(
    z.string().check(z.refine((s) => s.toLowerCase() === value.toLowerCase(), `Use "${value}".`)),
    z.transform(() => value),
  );

export const SelfServePolicyInput = z.strictObject({
  id: optionalText,
  selfServeEntity: z.strictObject({
    selfServeEntityType: caseless('customer'),
    tenantID: z.string(),
  }),
  grantor: z.optional(
    z.nullable(z.strictObject({ grantorType: z.optional(caseless('billToPartner')), tenantID: optionalText })),
  ),
  permissions: z.array(z.strictObject({ resource: policyResource, action: caseless('Purchase') })),
  links: echoedLinks,
  attributes: echoedAttributes('SelfServePolicy'),
});
export type SelfServePolicyInput = z.infer<typeof SelfServePolicyInput>;

/** The `filter` query parameter: `{"Field":…,"Value":…,"Operator":…}` (keys as Microsoft writes them). */
export const FilterInput = z.strictObject({ field: z.string(), value: z.string(), operator: z.string() });

/**
 * PascalCase keys (`FirstName`, `DefaultAddress`, `TenantID`) to Partner Center's camelCase, at every depth, as
 * Partner Center's own deserializer takes both. A key given both ways is reported, never silently dropped.
 */
export function normalizeKeys(value: unknown, path = ''): { value: unknown; duplicates: string[] } {
  if (Array.isArray(value)) {
    const parts = value.map((item, i) => normalizeKeys(item, `${path}${path ? '.' : ''}${i}`));
    return { value: parts.map((p) => p.value), duplicates: parts.flatMap((p) => p.duplicates) };
  }
  if (typeof value !== 'object' || value === null) return { value, duplicates: [] };
  const result: Record<string, unknown> = {};
  const duplicates: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const camel = key.charAt(0).toLowerCase() + key.slice(1);
    const at = path ? `${path}.${camel}` : camel;
    if (camel in result) duplicates.push(at);
    const normalized = normalizeKeys(inner, at);
    result[camel] = normalized.value;
    duplicates.push(...normalized.duplicates);
  }
  return { value: result, duplicates };
}
