/**
 * Where Microsoft's Partner Center documentation leaves a detail open or says two things, the reading this project
 * chose — kept in one place, so the mock, the extension and the README agree. The README's "Partner Center surface"
 * section lists the same choices with the pages they come from. The values are here; each choice that is a rule
 * rather than a value names the file that applies it.
 *
 * - Errors: where Microsoft documents no code for a case (405, 413, 415, 503, 507), the code is the HTTP status
 *   (`PC_ERRORS` in partner-center.ts). A stale etag is HTTP 400 code 2055 everywhere, never 412.
 * - `totalCount` is the number of items in this answer, as Partner Center gives it (`toCollection`).
 * - Query parameter names match without regard to case: the page writes `entity_id` and `seekOperation`, the .NET
 *   SDK sends `entity_Id`, an example sends `seekoperation=next` (mock-api/v1/query.ts).
 * - A seek request (`seekOperation=Next` + `MS-ContinuationToken`) is answered from the token alone, as the .NET SDK
 *   sends no filter with it; the token is signed and lasts as long as the server process (mock-api/v1/continuation.ts).
 * - Updating a SelfServePolicy: the page's request line is `PUT /v1/SelfServePolicy` (the id in the body), the SDK's
 *   path is `SelfServePolicy/{id}`; both are taken, and given both ways they must agree
 *   (mock-api/v1/self-serve-policies.ts). Its `grantor` may be left out: the partner is the token's `tid`.
 * - The billing profile's version may come as `If-Match` (the page) and/or `attributes.etag` (the examples); given
 *   both ways, they must agree. A stale one is 2055 (mock-api/v1/versions.ts).
 * - The company profile's `address` and `email`, which this product keeps only on the billing profile, are the billing
 *   profile's default address (without the contact's names) and email; `commerceId` is the tenant id and
 *   `allowDelegatedAccess` is true (partner-center-mapping.ts).
 * - Audit records: one record per write, so a desk write that turns one permission on and another off is one policy
 *   update; `resourceOldValue`/`resourceNewValue` are the resource in Partner Center's camelCase shape (Microsoft's
 *   example shows the .NET SDK's PascalCase); `customerName` is the company name as it is now; billing and company
 *   writes have resourceType `customer` (mock-api/v1/audit-records.ts).
 * - The sign-in authority's discovery document names its issuer `{origin}/{tenantid}/v2.0` with the placeholder for
 *   `common`/`organizations`/`consumers`, as Entra ID does, and the partner's tenant otherwise; access tokens'
 *   `iss` is always the partner's (mock-api/authority/routes.ts).
 */

/**
 * Links. Microsoft's examples give a list's self link as `/v1/customers?size=40` and a customer's as
 * `/customers/{id}`; the .NET SDK adds `/v1` to a link that lacks it. Every link here carries `/v1`, so it resolves
 * against the API's origin as it is, and the SDK's rule leaves it unchanged.
 */
export const LINK_ROOT = '/v1';

/**
 * Page sizes. `size` has no documented bounds; the .NET SDK sends `size=0` for "no preference". Absent or 0 means
 * the default below; above the maximum, or not a whole number, is 400. The audit log's example link pages by 500.
 */
export const PAGE_SIZES = {
  customers: { default: 100, max: 500 },
  auditrecords: { default: 500, max: 500 },
} as const;

/**
 * The audit log, as Microsoft's page says: `startDate` is optional (the 30 days before the end), and a start more
 * than 90 days back is 400. Dates are taken in the page's form (`6/1/2017 12:00:00 AM`), the .NET SDK's
 * (`06/01/2017 00:00:00`), `yyyy-mm-dd` and ISO date-times, each as its UTC day (mock-api/v1/audit-dates.ts); a
 * default window that would reach past 90 days starts at the 90th day instead; `endDate` is inclusive and defaults to
 * today.
 */
export const AUDIT_WINDOW_DAYS = 90;
export const AUDIT_DEFAULT_DAYS = 30;

/**
 * `MS-RequestId`: the page says a retry after a timeout carries the same id. A repeated write by the same user to
 * the same method and path (with its query) within this window answers the first successful result again, whatever
 * its body; a failed first attempt is not kept.
 */
export const IDEMPOTENCY_MINUTES = 10;
