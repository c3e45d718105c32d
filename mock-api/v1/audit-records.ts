/**
 * `GET /v1/auditrecords?startDate=&endDate=&filter=&size=`: the desk's audit log in Partner Center's AuditRecord
 * shape, newest first. One record per write (a desk write that turns one permission on and another off is one
 * policy update); each record shows the resource before and after, rebuilt by undoing the customer's later writes
 * from the resource as it is now, and its operationType follows from those states.
 */
import { applyMergePatch, type JsonObject } from '@/domain/merge-patch';
import { AuditRecord, Collection } from '@/domain/partner-center';
import { AUDIT_RESOURCE_TYPE, type AuditedWrite, toAuditRecord } from '@/domain/partner-center-mapping';
import { AUDIT_DEFAULT_DAYS, AUDIT_WINDOW_DAYS, PAGE_SIZES } from '@/domain/partner-center-readings';
import { kindOfAction, RESOURCES, type ResourceKind } from '@/domain/resources';
import type { AuditEntry } from '@/domain/schemas';
import { foldText } from '@/domain/search';
import { query } from '../openapi/replies';
import type { Database } from '../store';
import { auditDay, DAY } from './audit-dates';
import { PcError } from './errors';
import type { V1Route } from './handle';
import { type Filter, readFilter, readSize } from './query';
import { PAGING, pcErrors } from './replies';

interface Seek {
  /** UTC milliseconds: from the start of startDate to the end of endDate. */
  from: number;
  to: number;
  filter?: Filter;
  size: number;
  /** The audit log's length at the first page: later writes do not shift the pages. */
  bound: number;
  at: number;
}

const FIELDS = { CompanyName: ['substring'], CustomerId: ['equals'], ResourceType: ['equals'] };

/** Every write in the log, newest first, with the resource before and after it. */
function writesOf(db: Database): (AuditedWrite & { index: number })[] {
  const log = db.auditLog;
  const groups: { kind: ResourceKind; entries: AuditEntry[]; index: number }[] = [];
  for (const [index, entry] of log.entries()) {
    const kind = kindOfAction(entry.action);
    if (!kind) continue;
    const last = groups.at(-1);
    const sameWrite =
      last?.kind === kind && last.entries[0].customerId === entry.customerId && last.entries[0].at === entry.at;
    if (sameWrite) last.entries.push(entry);
    else groups.push({ kind, entries: [entry], index });
  }
  // Walking back from each customer's resources as they are now, undoing one write at a time.
  const states = new Map<string, Partial<Record<ResourceKind, JsonObject>>>();
  const writes: (AuditedWrite & { index: number })[] = [];
  for (const group of groups.reverse()) {
    const customerId = group.entries[0].customerId;
    const i = db.indexOf(customerId);
    if (i === undefined) continue;
    const state = states.get(customerId) ?? {};
    states.set(customerId, state);
    const after = state[group.kind] ?? (db.customer(i)[RESOURCES[group.kind].field] as JsonObject);
    // Each change's `before` as a merge patch: a field that was absent (null) is removed again.
    let before = after;
    for (const entry of group.entries)
      for (const [path, change] of Object.entries(entry.changes))
        before = applyMergePatch(
          before,
          path.split('.').reduceRight<unknown>((v, key) => ({ [key]: v }), change.before),
        ) as JsonObject;
    state[group.kind] = before;
    writes.push({ ...group, before, after });
  }
  return writes;
}

/**
 * The first page's query: the days from startDate to endDate (each optional: without an endDate the window ends
 * today, without a startDate it begins 30 days before its end, but not before the 90-day window), then filter and size.
 */
function firstPage(query: Record<string, string>, bound: number): Seek {
  const today = Math.floor(Date.now() / DAY) * DAY;
  const oldest = today - AUDIT_WINDOW_DAYS * DAY;
  const given = query.startDate ? auditDay('startDate', query.startDate) : undefined;
  // Without an endDate the window ends today (or on a startDate still to come: an empty answer, not an error).
  const end = query.endDate ? auditDay('endDate', query.endDate) : Math.max(today, given ?? today);
  const from = given ?? Math.max(end - AUDIT_DEFAULT_DAYS * DAY, oldest);
  if (from < oldest) throw new PcError('invalidInput', `startDate must be within the last ${AUDIT_WINDOW_DAYS} days.`);
  if (end < from) throw new PcError('invalidInput', 'endDate is before startDate.');
  const filter = readFilter(query.filter, FIELDS);
  return { from, to: end + DAY - 1, filter, size: readSize(query.size, PAGE_SIZES.auditrecords), bound, at: 0 };
}

/** `SelfServePolicy`, `selfservepolicy` and `self_serve_policy` name the same type, as in the .NET SDK's enum. */
const typeKey = (type: string) => type.replace(/_/g, '').toLowerCase();

export const auditRecordsRoute: V1Route = {
  method: 'get',
  path: '/v1/auditrecords',
  summary: 'Audit records',
  right: 'viewAuditLog',
  appCredentials: true,
  otherMethods: 'not-found',
  parameters: [
    query(
      'startDate',
      '`6/1/2017 12:00:00 AM`, `06/01/2017 00:00:00`, `2017-06-01` or an ISO date-time (a UTC day), at most 90 days ago; default 30 days before the end.',
    ),
    query('endDate', 'Inclusive, in the same forms; default today.'),
    query('filter', 'URL-encoded JSON on CustomerId, ResourceType (equals) or CompanyName (substring).'),
    PAGING.size,
    PAGING.seekOperation,
    PAGING.continuation,
  ],
  responses: { 200: { description: 'A page, newest first.', schema: Collection(AuditRecord) }, ...pcErrors(400) },
  answer: ({ req, tid, query }, { db, continuations }) => {
    const seek =
      continuations.resume<Seek>(req, 'auditrecords', query.seekOperation) ?? firstPage(query, db.auditLog.length);
    const { filter } = seek;
    const nameOf = (customerId: string) => db.customer(db.indexOf(customerId)!).companyProfile.companyName;
    const wanted = (write: AuditedWrite & { index: number }) => {
      const at = Date.parse(write.entries[0].at);
      if (write.index >= seek.bound || at < seek.from || at > seek.to) return false;
      if (!filter) return true;
      const customerId = write.entries[0].customerId;
      if (filter.field === 'CustomerId') return customerId.toLowerCase() === filter.value.trim().toLowerCase();
      if (filter.field === 'ResourceType') return typeKey(AUDIT_RESOURCE_TYPE[write.kind]) === typeKey(filter.value);
      return foldText(nameOf(customerId)).includes(foldText(filter.value));
    };
    const matching = writesOf(db).filter(wanted);
    const page = matching
      .slice(seek.at, seek.at + seek.size)
      .map((write) => toAuditRecord(tid, nameOf(write.entries[0].customerId), write));
    const at = seek.at + page.length;
    return continuations.page(req, 'auditrecords', seek.size, page, at < matching.length ? { ...seek, at } : undefined);
  },
};
