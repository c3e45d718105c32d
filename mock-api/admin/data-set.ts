/**
 * The whole data as plain, hand-editable JSON — what json-server users know as `db.json`:
 * `{ "customers": [ … ], "auditLog": [ … ], "<collection>": [ … ], … }`. `GET /__admin/export` writes it,
 * `POST /__admin/import` and `--fixtures <file>` read it. Reading checks every customer with the domain's schemas
 * and rules and reports each problem by its path (`customers.3.billingProfile.email`), so an import replaces
 * everything or nothing. Imported resources get fresh ETags (a client holding an old one must read again) and audit
 * entries fresh ids, in the order given.
 */

import { z } from 'zod/mini';
import { isJsonObject, type JsonObject } from '@/domain/merge-patch';
import { RESOURCE_RULES } from '@/domain/resource-rules';
import { RESOURCE_KINDS, RESOURCES } from '@/domain/resources';
import { AuditEntry, Customer } from '@/domain/schemas';
import { issueFields } from '../middlewares/errors';
import { auditId, freshEtag } from '../resource-writes';

/** The collections json-server's router serves beside ours (collections/), by name. */
export type Collections = Record<string, JsonObject[]>;

export interface DataSet {
  customers: Customer[];
  auditLog: AuditEntry[];
  collections: Collections;
}

/** The export's shape, for the contract document; any other key is a collection of objects. */
export const DataFile = z.looseObject({
  customers: z.array(Customer),
  auditLog: z.optional(z.array(AuditEntry)),
});

/** First path segments the API's own routes use: a collection cannot take them. */
const RESERVED = ['customers', 'auditLog', 'health', 'validations', 'v1', '__admin', 'docs', 'openapi.json', 'db'];
const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
/** An import with thousands of bad customers is told about the first ones. */
const MAX_FIELDS = 100;

type Fields = Record<string, string>;

function prefixed(prefix: string, fields: Fields): Fields {
  return Object.fromEntries(
    Object.entries(fields).map(([path, message]) => [path ? `${prefix}.${path}` : prefix, message]),
  );
}

function readCustomers(value: unknown, fields: Fields): Customer[] {
  if (!Array.isArray(value)) {
    fields.customers = value === undefined ? 'This field is required.' : 'A list of customers.';
    return [];
  }
  const customers: Customer[] = [];
  const firstWithId = new Map<string, number>();
  for (const [i, item] of value.entries()) {
    if (Object.keys(fields).length >= MAX_FIELDS) break;
    const at = `customers.${i}`;
    const id = isJsonObject(item) && typeof item.id === 'string' ? item.id : undefined;
    const first = id === undefined ? undefined : firstWithId.get(id);
    if (first !== undefined) fields[`${at}.id`] = `customers.${first} has this id too.`;
    else if (id !== undefined) firstWithId.set(id, i);
    const parsed = Customer.safeParse(item);
    if (!parsed.success) {
      Object.assign(fields, prefixed(at, issueFields(parsed.error.issues)));
      continue;
    }
    const c = parsed.data;
    for (const kind of RESOURCE_KINDS) {
      const field = RESOURCES[kind].field;
      const country = c.billingProfile.defaultAddress.country;
      for (const issue of RESOURCE_RULES[kind].crossChecks(c[field] as never, country))
        fields[`${at}.${field}.${issue.path}`] = issue.message;
    }
    if (c.companyProfile.tenantId !== c.id)
      fields[`${at}.companyProfile.tenantId`] = "The tenant id is the customer's id.";
    customers.push(c);
  }
  return customers;
}

function readAudit(value: unknown, ids: ReadonlySet<string>, fields: Fields): AuditEntry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    fields.auditLog = 'A list of audit entries.';
    return [];
  }
  const entries: AuditEntry[] = [];
  for (const [i, item] of value.entries()) {
    if (Object.keys(fields).length >= MAX_FIELDS) break;
    const parsed = AuditEntry.safeParse(item);
    if (!parsed.success) Object.assign(fields, prefixed(`auditLog.${i}`, issueFields(parsed.error.issues)));
    else if (!ids.has(parsed.data.customerId))
      fields[`auditLog.${i}.customerId`] = 'No customer in this file has this id.';
    else entries.push(parsed.data);
  }
  return entries;
}

function readCollections(data: JsonObject, fields: Fields): Collections {
  const collections: Collections = {};
  for (const [name, value] of Object.entries(data)) {
    if (name === 'customers' || name === 'auditLog') continue;
    if (RESERVED.includes(name) || !COLLECTION_NAME.test(name)) {
      fields[name] = RESERVED.includes(name)
        ? 'The API uses this name; choose another for the collection.'
        : 'A collection name is letters, digits, _ and - (up to 64), starting with a letter or _.';
    } else if (!Array.isArray(value)) {
      fields[name] = 'A collection is a list of objects.';
    } else {
      const bad = value.findIndex((item) => !isJsonObject(item));
      if (bad !== -1) fields[`${name}.${bad}`] = 'Each item of a collection is an object.';
      else collections[name] = value as JsonObject[];
    }
  }
  return collections;
}

/** Gives every resource a fresh ETag and every audit entry a fresh id, in the order given. */
function freshened({ customers, auditLog, collections }: DataSet): DataSet {
  return {
    customers: customers.map((c) => {
      const fresh = { ...c };
      for (const kind of RESOURCE_KINDS) {
        const { field } = RESOURCES[kind];
        fresh[field] = { ...c[field], etag: freshEtag(RESOURCES[kind]) } as never;
      }
      return fresh;
    }),
    auditLog: auditLog.map((entry, n) => ({ ...entry, id: auditId(n + 1) })),
    collections,
  };
}

/** The data in a parsed file or body, checked and freshened; or every problem by its path (the first 100). */
export function readDataSet(data: JsonObject): { ok: true; data: DataSet } | { ok: false; fields: Fields } {
  const fields: Fields = {};
  const customers = readCustomers(data.customers, fields);
  const auditLog = readAudit(data.auditLog, new Set(customers.map((c) => c.id)), fields);
  const collections = readCollections(data, fields);
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, data: freshened({ customers, auditLog, collections }) };
}
