/**
 * The domain model, written once with zod (its tree-shakable "mini" build, so the popup stays small)
 * and used by the extension's forms, the mock API and the tests. Shapes follow Partner Center's REST resources.
 *
 * Messages are English (the API sends them); custom issues also carry `params.key` so the UI can translate them.
 */
import { z } from 'zod/mini';
import { POSTAL_CODE_EXAMPLES, POSTAL_CODE_PATTERNS, requiresRegistration, STATES } from './countries';

const text = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));
const optionalText = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));

const PHONE_PATTERN = /^\+?[0-9 ()\-.]{4,25}$/;
const CULTURE_PATTERN = /^[a-z]{2,3}(-[A-Z][a-z]{3})?-[A-Z]{2}$/;
const LANGUAGE_PATTERN = /^[a-z]{2,3}$/;

const addressFields = {
  country: z.string().check(z.trim(), z.regex(/^[A-Z]{2}$/, 'Use a two-letter country code, like US or RU.')),
  region: optionalText(100),
  city: text(1, 100),
  state: optionalText(2),
  addressLine1: text(1, 200),
  addressLine2: optionalText(200),
  postalCode: optionalText(20),
  firstName: text(1, 50),
  lastName: text(1, 50),
  phoneNumber: z.optional(
    z.string().check(z.trim(), z.regex(PHONE_PATTERN, 'Enter a phone number of digits, spaces, and + ( ) -.')),
  ),
};

type AddressShape = { country: string; state?: string; postalCode?: string; phoneNumber?: string };

/** The rules that depend on the country; each issue names its field and a catalogue key. */
export function countryIssues(a: AddressShape): { path: string; key: string; message: string; example?: string }[] {
  const issues: { path: string; key: string; message: string; example?: string }[] = [];
  const states = STATES[a.country];
  if (states) {
    if (!a.state) issues.push({ path: 'state', key: 'stateRequired', message: 'Choose a state or province.' });
    else if (!states.includes(a.state.toUpperCase()))
      issues.push({
        path: 'state',
        key: 'stateUnknown',
        message: `${a.state} is not a state or province of ${a.country}.`,
      });
  }
  const pattern = POSTAL_CODE_PATTERNS[a.country];
  if (pattern) {
    if (!a.postalCode) issues.push({ path: 'postalCode', key: 'postalCodeRequired', message: 'Enter a postal code.' });
    else if (!pattern.test(a.postalCode.toUpperCase())) {
      const example = POSTAL_CODE_EXAMPLES[a.country];
      issues.push({
        path: 'postalCode',
        key: 'postalCodeFormat',
        example,
        message: `This is not a postal code of ${a.country}, which looks like ${example}.`,
      });
    }
  }
  if (requiresRegistration(a.country) && !a.phoneNumber) {
    issues.push({
      path: 'phoneNumber',
      key: 'phoneRequired',
      message: `A phone number is required for customers in ${a.country}.`,
    });
  }
  return issues;
}

export const Address = z.strictObject(addressFields).check(
  z.superRefine((a, ctx) => {
    for (const i of countryIssues(a)) {
      ctx.issues.push({
        code: 'custom',
        input: a,
        path: [i.path],
        message: i.message,
        params: { key: i.key, example: i.example },
      });
    }
  }),
);
export type Address = z.infer<typeof Address>;

export const BillingProfile = z.strictObject({
  id: z.string(),
  etag: z.optional(z.string()),
  firstName: text(1, 50),
  lastName: text(1, 50),
  email: z.string().check(z.trim(), z.maxLength(254), z.email('Enter an email address like name@example.com.')),
  culture: z.string().check(z.trim(), z.regex(CULTURE_PATTERN, 'Use a culture like en-US or ru-RU.')),
  language: z.string().check(z.trim(), z.regex(LANGUAGE_PATTERN, 'Use a language code like en or ru.')),
  companyName: text(1, 255),
  defaultAddress: Address,
});
export type BillingProfile = z.infer<typeof BillingProfile>;

export const CompanyProfile = z.strictObject({
  tenantId: z.string(),
  domain: z.string(),
  etag: z.optional(z.string()),
  companyName: text(1, 255),
  organizationRegistrationNumber: optionalText(50),
});
export type CompanyProfile = z.infer<typeof CompanyProfile>;

/** The registration number rule needs the customer's country, which lives in the billing address. */
export function companyIssues(c: { organizationRegistrationNumber?: string }, country: string) {
  return requiresRegistration(country) && !c.organizationRegistrationNumber
    ? [
        {
          path: 'organizationRegistrationNumber',
          key: 'registrationRequired',
          message: `A registration number is required for customers in ${country}.`,
        },
      ]
    : [];
}

export const PurchasePermission = z.strictObject({
  etag: z.optional(z.string()),
  azureReservations: z.boolean(),
  azureSavingsPlans: z.boolean(),
  updatedBy: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
});
export type PurchasePermission = z.infer<typeof PurchasePermission>;

export const RELATIONSHIPS = ['reseller', 'advisor', 'none'] as const;

export const Customer = z
  .strictObject({
    id: z.uuid(),
    companyProfile: CompanyProfile,
    billingProfile: BillingProfile,
    relationshipToPartner: z.enum(RELATIONSHIPS),
    /** The tenant id of the indirect reseller the customer was sold through (domain/indirect-resellers.ts). */
    indirectResellerId: z.optional(z.uuid()),
    /** Domains the customer verified besides its `.onmicrosoft.com` one, as Partner Center's customer lists them. */
    customDomains: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(255)))),
    purchasePermission: PurchasePermission,
    updatedAt: z.string(),
  })
  .check(
    z.refine((c) => c.indirectResellerId === undefined || c.relationshipToPartner === 'reseller', {
      path: ['indirectResellerId'],
      message: 'Only a customer whose relationshipToPartner is "reseller" has an indirect reseller.',
    }),
  );
export type Customer = z.infer<typeof Customer>;

/**
 * A customer as search results and lists show it: the shape Partner Center's own customer list uses, plus the
 * contact. The account page reads the whole `Customer`.
 */
export const CustomerSummary = z.strictObject({
  id: Customer.shape.id,
  relationshipToPartner: Customer.shape.relationshipToPartner,
  companyProfile: z.pick(CompanyProfile, { tenantId: true, domain: true, companyName: true }),
  billingProfile: z.strictObject({
    ...z.pick(BillingProfile, { firstName: true, lastName: true, email: true }).shape,
    defaultAddress: z.strictObject({ country: addressFields.country, city: addressFields.city }),
  }),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

/** The summary of a whole customer, its keys in the schema's order. */
export function summaryOf(c: Customer): CustomerSummary {
  const { companyProfile: company, billingProfile: billing } = c;
  return {
    id: c.id,
    relationshipToPartner: c.relationshipToPartner,
    companyProfile: { tenantId: company.tenantId, domain: company.domain, companyName: company.companyName },
    billingProfile: {
      firstName: billing.firstName,
      lastName: billing.lastName,
      email: billing.email,
      defaultAddress: { country: billing.defaultAddress.country, city: billing.defaultAddress.city },
    },
  };
}

export const AuditEntry = z.strictObject({
  id: z.string(),
  customerId: z.string(),
  at: z.string(),
  role: z.string(),
  /** The signed-in user, for writes through the Partner Center surface (`/v1`), which knows who, not only which role. */
  userPrincipalName: z.optional(z.string()),
  action: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The error body every 4xx/5xx of the API carries; 412 adds `current`, a 400 from address validation may add `suggestedAddress`. */
export const ApiErrorBody = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    /** Dotted path inside the resource (or the import's body) → English message. */
    fields: z.optional(z.record(z.string(), z.string())),
  }),
  /** With 412: the resource as it is now. */
  current: z.optional(z.unknown()),
  suggestedAddress: z.optional(Address),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** `POST /validations/address` answers this with 200 when the address is valid and already spelled the canonical way. */
export const AddressValidation = z.strictObject({ valid: z.literal(true), address: Address });
export type AddressValidation = z.infer<typeof AddressValidation>;
