// @vitest-environment node
/**
 * A billing field is written in several places (docs/architecture.md, "Adding a field"): these tests go through
 * every field of the billing profile and its address and name the place a new one is still missing from.
 */
import { describe, expect, test } from 'vitest';
import { BILLING_FIELDS } from '@/components/BillingProfileForm';
import { LANGUAGES } from '@/domain/languages';
import { BillingProfileInput, CustomerBillingProfile } from '@/domain/partner-center';
import { billingProfileFromPc, fromPcBillingProfile, toPcBillingProfile } from '@/domain/partner-center-mapping';
import { Address, BillingProfile } from '@/domain/schemas';
import { seedCustomers } from '@/mock-api/store/seed/seed';
import { loadCatalogue } from '@/services/i18n';

const ADDRESS = 'defaultAddress';
/** Every field by dotted path, as the forms and the API's `fields` name them. */
const PATHS = [
  ...Object.keys(BillingProfile.shape).filter((key) => key !== ADDRESS),
  ...Object.keys(Address.shape).map((key) => `${ADDRESS}.${key}`),
];

/** Fields the seed leaves out, and why: every other field is in some seeded customer. */
const NOT_SEEDED: Record<string, string> = {
  [`${ADDRESS}.region`]: 'optional, and most customers have none',
  [`${ADDRESS}.addressLine2`]: 'optional, and most customers have none',
};
/** Fields the billing form does not edit, and why. */
const NOT_IN_FORM: Record<string, string> = {
  id: 'read-only',
  etag: 'the version, sent as If-Match',
  [`${ADDRESS}.region`]: "Partner Center's own billing form does not ask for it either",
  [`${ADDRESS}.firstName`]: "the form edits the contact's name once, as the profile's firstName",
  [`${ADDRESS}.lastName`]: "the form edits the contact's name once, as the profile's lastName",
};

const get = (object: object, path: string) =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], object);

const seeded = seedCustomers(200).map((c) => c.billingProfile);

/** A billing profile with every field filled: a seeded one, with a value for each field the seed leaves out. */
function everyField(): BillingProfile {
  const [profile] = structuredClone(seeded);
  const fill = (target: Record<string, unknown>, keys: string[], prefix: string) => {
    for (const key of keys) target[key] ??= `${prefix}${key} value`;
  };
  fill(profile as unknown as Record<string, unknown>, Object.keys(BillingProfile.shape), '');
  fill(profile.defaultAddress as unknown as Record<string, unknown>, Object.keys(Address.shape), `${ADDRESS}.`);
  return profile;
}

describe('every billing field', () => {
  test('has a place in Partner Center’s billing profile (domain/partner-center.ts)', () => {
    const pc = toPcBillingProfile('c1', everyField());
    const answered = CustomerBillingProfile.safeParse(pc);
    const taken = BillingProfileInput.safeParse(pc);
    // Unknown keys are the issue a new field meets in Partner Center's strict schemas.
    const issues = (result: typeof answered | typeof taken) =>
      result.success
        ? []
        : result.error.issues.map((i) => [i.path.join('.'), 'keys' in i ? i.keys.join(', ') : i.code].join(': '));
    expect(issues(answered), 'add it to CustomerBillingProfile (or PcAddress), as Partner Center answers it').toEqual(
      [],
    );
    expect(issues(taken), 'add it to BillingProfileInput, as Partner Center takes it').toEqual([]);
  });

  test('goes to Partner Center and back unchanged (domain/partner-center-mapping.ts)', () => {
    const profile = everyField();
    const pc = toPcBillingProfile('c1', profile);
    const read = billingProfileFromPc(pc);
    const written = fromPcBillingProfile(pc).body;
    const lostReading = PATHS.filter((path) => get(read, path) !== get(profile, path));
    const lostWriting = PATHS.filter((path) => path !== 'etag' && get(written, path) !== get(profile, path));
    expect(lostReading, 'billingProfileFromPc loses these').toEqual([]);
    expect(lostWriting, 'fromPcBillingProfile loses these').toEqual([]);
  });

  test('is in the seeded customers (mock-api/store/seed/seed.ts)', () => {
    const missing = PATHS.filter((path) => !(path in NOT_SEEDED) && !seeded.some((p) => get(p, path) !== undefined));
    expect(missing, 'the seed never fills these').toEqual([]);
  });

  test('has a field in the billing form (components/BillingProfileForm.tsx, BILLING_FIELDS)', () => {
    const inForm = new Set(BILLING_FIELDS.map((f) => f.path));
    expect(
      PATHS.filter((path) => !(path in NOT_IN_FORM) && !inForm.has(path)),
      'no field edits these',
    ).toEqual([]);
    expect(
      [...inForm].filter((path) => !PATHS.includes(path)),
      'fields for no such field of the schema',
    ).toEqual([]);
  });

  test.each(LANGUAGES)('has its label in the catalogue of $label (locales/, $code)', async ({ code }) => {
    const catalogue = await loadCatalogue(code);
    const unlabelled = BILLING_FIELDS.filter((f) => typeof catalogue[f.label] !== 'string' || !catalogue[f.label]);
    expect(unlabelled.map((f) => f.label)).toEqual([]);
  });
});
