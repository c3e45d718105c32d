/**
 * Records what the local Partner Center (`/v1` of the mock API) answers to the requests the extension's Partner
 * Center backend makes, as fixtures for its unit tests (tests/fixtures/partner-center/). Run it again when the
 * mock's /v1 shapes change: `npx tsx scripts/record-partner-center.ts`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CallOptions, startApi } from '@/harness/mock-api';
import { pc, signIn } from '@/harness/partner-center';

const OUT = resolve(import.meta.dirname, '../tests/fixtures/partner-center');
/** The headers the backend reads, or a test asserts on. */
const KEPT = ['etag', 'location', 'retry-after', 'www-authenticate', 'ms-requestid'];

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const api = await startApi({ seed: 60, seedValue: 16 });
const upToDate = await startApi({ seed: 3, tokenLifetime: 1 });
try {
  const admin = (await signIn(api.url, 'adminagent@partner.test')).access_token;
  const sales = (await signIn(api.url, 'salesagent@partner.test')).access_token;

  async function record(name: string, path: string, options: CallOptions = {}, token = admin, url = api.url) {
    const { status, headers, body } = await pc(url, token, path, options);
    const kept = Object.fromEntries(KEPT.filter((h) => headers.has(h)).map((h) => [h, headers.get(h)]));
    const fixture = {
      request: { method: options.method ?? 'GET', path, ...(options.body === undefined ? {} : { body: options.body }) },
      status,
      headers: kept,
      body,
    };
    writeFileSync(resolve(OUT, `${name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
    return fixture;
  }

  // A customer the partner has not opened self-service to, whose company name starts like others'.
  const all = (await api.call('/customers?_limit=60')).body as {
    id: string;
    companyProfile: { companyName: string; domain: string };
    purchasePermission: { azureReservations: boolean; azureSavingsPlans: boolean };
  }[];
  const initial = (c: (typeof all)[number]) => c.companyProfile.companyName.slice(0, 1);
  const customer = all.find(
    (c) =>
      !c.purchasePermission.azureReservations &&
      !c.purchasePermission.azureSavingsPlans &&
      all.filter((o) => initial(o) === initial(c)).length > 2,
  )!;
  const id = customer.id;
  const byName = (value: string) => JSON.stringify({ Field: 'CompanyName', Value: value, Operator: 'starts_with' });
  const byDomain = (value: string) => JSON.stringify({ Field: 'Domain', Value: value, Operator: 'starts_with' });

  const first = await record(
    'customers-by-name',
    `/v1/customers?${new URLSearchParams({ size: '2', filter: byName(initial(customer)) })}`,
  );
  const next = first.body.links.next;
  await record('customers-by-name-next', next.uri, {
    headers: Object.fromEntries(next.headers.map((h: { key: string; value: string }) => [h.key, h.value])),
  });
  await record(
    'customers-by-domain',
    `/v1/customers?${new URLSearchParams({ size: '2', filter: byDomain(customer.companyProfile.domain.slice(0, 6)) })}`,
  );
  await record('customer', `/v1/customers/${id}`);
  await record('policies-none', `/v1/SelfServePolicy?entity_id=${id}`);

  const billingPath = `/v1/customers/${id}/profiles/billing`;
  const billing = (await record('billing', billingPath)).body;
  const moved = { ...billing, defaultAddress: { ...billing.defaultAddress, city: 'Springfield' } };
  await record('billing-updated', billingPath, { method: 'PUT', body: moved });
  await record('billing-stale', billingPath, { method: 'PUT', body: moved });
  const fresh = (await pc(api.url, admin, billingPath)).body;
  await record('billing-invalid', billingPath, { method: 'PUT', body: { ...fresh, email: 'not-an-email' } });

  const policy = (permissions: string[]) => ({
    selfServeEntity: { selfServeEntityType: 'customer', tenantID: id },
    permissions: permissions.map((resource) => ({ resource, action: 'Purchase' })),
  });
  const created = (
    await record('policy-created', '/v1/SelfServePolicy', {
      method: 'POST',
      body: policy(['AzureReservedInstances']),
    })
  ).body;
  await record('policies-one', `/v1/SelfServePolicy?entity_id=${id}`);
  await record('policy-exists', '/v1/SelfServePolicy', { method: 'POST', body: policy(['AzureSavingsPlan']) });
  await record('policy-forbidden', `/v1/SelfServePolicy/${created.id}`, { method: 'DELETE' }, sales);
  const both = { ...created, permissions: policy(['AzureReservedInstances', 'AzureSavingsPlan']).permissions };
  const updated = (await record('policy-updated', `/v1/SelfServePolicy/${created.id}`, { method: 'PUT', body: both }))
    .body;
  await record('policy-deleted', `/v1/SelfServePolicy/${created.id}`, {
    method: 'DELETE',
    ifMatch: updated.attributes.etag,
  });

  const today = new Date().toISOString().slice(0, 10);
  const customerFilter = JSON.stringify({ Field: 'CustomerId', Value: id, Operator: 'equals' });
  await record('auditrecords', `/v1/auditrecords?${new URLSearchParams({ startDate: today, filter: customerFilter })}`);

  // A token that has run out (the second server's live one second).
  const short = (await signIn(upToDate.url, 'adminagent@partner.test')).access_token;
  await new Promise((done) => setTimeout(done, 1500));
  await record('token-expired', '/v1/customers?size=1', {}, short, upToDate.url);
  console.log(`Recorded the /v1 answers for customer ${id} in ${OUT}`);
} finally {
  await api.stop();
  await upToDate.stop();
}
