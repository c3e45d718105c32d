/** What the route declarations of several areas say alike in the contract document: parameters and error answers. */
import { z } from 'zod/mini';
import { ROLE_IDS } from '@/domain/roles';
import { ApiErrorBody } from '@/domain/schemas';
import type { Parameter, Reply } from './operation';

export const anyObject = z.record(z.string(), z.unknown());

export const query = (name: string, description: string, required = false): Parameter => ({
  name,
  in: 'query',
  description,
  required,
  schema: z.string(),
});

export const htmlPage = (description: string): Reply => ({ description, type: 'text/html' });

export const ETAG = { ETag: "The resource's version, to send back as If-Match." };

const DESK_ERRORS: Record<number, string> = {
  400: 'Malformed JSON, nested deeper than 64 levels (`too-deep`), not UTF-8 (`invalid-utf8`), not an object, a forbidden key, or a bad query parameter (`fields` names it); or malformed percent-encoding in the address (`malformed-url`), on any route.',
  401: `No or unknown X-Partner-Role: one of ${ROLE_IDS.join(', ')}.`,
  403: 'The role may not do this; or the Host or Origin is not one the API answers (`host-not-allowed`, `origin-not-allowed`).',
  404: 'No such customer, collection, item or route.',
  412: 'Stale If-Match: `current` holds the resource as it is now, its ETag in the header.',
  413: 'The body is over 64 KiB.',
  415: 'The body is not application/json.',
  422: 'Unknown or read-only fields, or a rule broken: `fields` maps each path to a message.',
  428: 'A write without If-Match.',
  500: 'A damaged database file (`damaged-file`) or an unexpected failure.',
  503: '`unavailable` (--fail-rate), or `storage-error`: the disk failed the write; nothing changed.',
  507: '`storage-full`: the disk is full; nothing changed.',
};
const errorsIn = (statuses: number[]): Record<number, Reply> =>
  Object.fromEntries(
    statuses.map((s) => [s, { description: DESK_ERRORS[s] ?? 'See the message.', schema: ApiErrorBody }]),
  );

/** The desk's error answers: those named, and what any route may answer (address, host/origin, damage, --fail-rate). */
export const deskErrors = (...statuses: number[]) => errorsIn([...statuses, 400, 403, 500, 503]);

/** The error answers of a route anyone may call (the tester's tools, the authority): those named, and host/origin. */
export const publicErrors = (...statuses: number[]) => errorsIn([...statuses, 403]);
