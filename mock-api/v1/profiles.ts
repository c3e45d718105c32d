/**
 * `GET|PUT /v1/customers/{id}/profiles/billing` (the full resource; its version in `attributes.etag` and/or
 * `If-Match`; stale → 2055) and `GET /v1/customers/{id}/profiles/company` (Partner Center has no operation that
 * changes it: 405). Writes go through the desk's own write path, so both surfaces save the same way.
 */
import { BillingProfileInput, CustomerBillingProfile, CustomerCompanyProfile } from '@/domain/partner-center';
import { fromPcBillingProfile, toPcBillingProfile, toPcCompanyProfile } from '@/domain/partner-center-mapping';
import { RESOURCES } from '@/domain/resources';
import { ETAG } from '../openapi/replies';
import { writeResource } from '../resource-writes';
import type { Database } from '../store';
import { parseBody } from './body';
import { customer, type V1Route } from './handle';
import { BODY_TYPES, pcErrors, REQUEST_ID } from './replies';
import { versionOf, writeFailure } from './versions';

const BILLING = '/v1/customers/:id/profiles/billing';

function billingOf(db: Database, index: number) {
  const c = db.customer(index);
  const profile = toPcBillingProfile(c.id, c.billingProfile);
  return { status: 200, body: profile, headers: { ETag: String(c.billingProfile.etag) } };
}

export const profileRoutes: V1Route[] = [
  {
    method: 'get',
    path: BILLING,
    summary: "A customer's billing profile",
    right: 'viewCustomers',
    appCredentials: true,
    find: customer,
    responses: {
      200: { description: 'The profile.', schema: CustomerBillingProfile, headers: ETAG },
      ...pcErrors(404),
    },
    answer: ({ index }, { db }) => billingOf(db, index),
  },
  {
    method: 'put',
    path: BILLING,
    summary: "Update a customer's billing profile",
    description: 'The full resource, camelCase or PascalCase; its version in `attributes.etag` and/or If-Match.',
    right: 'editBillingProfile',
    appCredentials: true,
    find: customer,
    parameters: [REQUEST_ID, { name: 'If-Match', in: 'header', description: 'The etag (or give attributes.etag).' }],
    body: { schema: BillingProfileInput, types: BODY_TYPES },
    responses: {
      200: { description: 'The profile as saved.', schema: CustomerBillingProfile, headers: ETAG },
      ...pcErrors(400, 404, 413, 415, 507),
    },
    answer: ({ req, body, index, actor }, { db }) => {
      const { body: profile, etag } = fromPcBillingProfile(parseBody(BillingProfileInput, body));
      const change = { etag: versionOf(req, etag), body: profile, method: 'put' as const };
      const outcome = writeResource(db, index, RESOURCES.billing, change, actor);
      if (!outcome.ok) throw writeFailure(outcome, 'billing profile');
      return billingOf(db, index);
    },
  },
  {
    method: 'get',
    path: '/v1/customers/:id/profiles/company',
    summary: "A customer's company profile",
    description: 'Partner Center has no operation that changes it: other methods are 405.',
    right: 'viewCustomers',
    find: customer,
    responses: { 200: { description: 'The profile.', schema: CustomerCompanyProfile }, ...pcErrors(404) },
    answer: ({ index }, { db }) => ({ status: 200, body: toPcCompanyProfile(db.customer(index)) }),
  },
];
