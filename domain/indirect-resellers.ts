/**
 * The indirect resellers the partner (as an indirect provider) sells through: Partner Center filters the customer
 * list by one (`{"Field":"IndirectReseller","Value":"<reseller tenant id>","Operator":"starts_with"}`). A customer
 * sold through one names it by tenant id, and its `relationshipToPartner` is then `reseller`: an advisor
 * relationship has no reseller.
 */
export const INDIRECT_RESELLERS = [
  { tenantId: '7d5c6f0a-1b2e-4c3d-8e9f-0a1b2c3d4e51', companyName: 'Northwind Cloud Reseller' },
  { tenantId: '8e6d7a1b-2c3f-4d4e-9fa0-1b2c3d4e5f62', companyName: 'Fabrikam Licensing' },
  { tenantId: '9f7e8b2c-3d4a-4e5f-a0b1-2c3d4e5f6a73', companyName: 'Tailspin IT Services' },
] as const;

/** Every how many seeded reseller customers one is sold through an indirect reseller (the rest directly). */
const EVERY = 4;

/**
 * The indirect reseller of the seeded customer at `index`, if any: only for a `reseller` relationship. Taken from
 * the index, not the seed's random numbers, so the rest of the seeded data is what it always was.
 */
export function seededIndirectReseller(index: number, relationship: string): string | undefined {
  if (relationship !== 'reseller' || index % EVERY !== 1) return undefined;
  return INDIRECT_RESELLERS[Math.floor(index / EVERY) % INDIRECT_RESELLERS.length].tenantId;
}
