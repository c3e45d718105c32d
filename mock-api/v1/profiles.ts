/**
 * `GET|PUT /v1/customers/{id}/profiles/billing` (the full resource; its version in `attributes.etag` and/or
 * `If-Match`; stale → 2055) and `GET /v1/customers/{id}/profiles/company` (Partner Center has no operation that
 * changes it: 405). Writes go through the desk's own write path, so both surfaces save the same way.
 */
import type { Express } from 'express';
import { BillingProfileInput } from '@/domain/partner-center';
import { fromPcBillingProfile, toPcBillingProfile, toPcCompanyProfile } from '@/domain/partner-center-mapping';
import { RESOURCES } from '@/domain/resources';
import type { Database } from '../database';
import { writeResource } from '../resource-writes';
import { needs } from './auth';
import { parseBody } from './body';
import { customer, handle, methodNotAllowed } from './handle';
import type { RequestIds } from './request-ids';
import { versionOf, writeFailure } from './versions';

export function profileRoutes(app: Express, db: Database, requestIds: RequestIds) {
  const billing = '/v1/customers/:id/profiles/billing';
  const company = '/v1/customers/:id/profiles/company';
  const billingOf = (index: number) => {
    const c = db.customer(index);
    const profile = toPcBillingProfile(c.id, c.billingProfile);
    return { status: 200, body: profile, headers: { ETag: String(c.billingProfile.etag) } };
  };

  app.get(
    billing,
    needs('viewCustomers'),
    customer(db),
    handle(requestIds, ({ index }) => billingOf(index)),
  );
  app.put(
    billing,
    needs('editBillingProfile'),
    customer(db),
    handle(
      requestIds,
      ({ req, body, index, actor }) => {
        const { body: profile, etag } = fromPcBillingProfile(parseBody(BillingProfileInput, body));
        const change = { etag: versionOf(req, etag), body: profile, method: 'put' as const };
        const outcome = writeResource(db, index, RESOURCES.billing, change, actor);
        if (!outcome.ok) throw writeFailure(outcome, 'billing profile');
        return billingOf(index);
      },
      { body: true },
    ),
  );
  app.all(billing, needs('viewCustomers'), customer(db), methodNotAllowed('GET, PUT'));

  app.get(
    company,
    needs('viewCustomers'),
    customer(db),
    handle(requestIds, ({ index }) => ({ status: 200, body: toPcCompanyProfile(db.customer(index)) })),
  );
  app.all(company, needs('viewCustomers'), customer(db), methodNotAllowed('GET'));
}
