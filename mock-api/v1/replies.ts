/** What the `/v1` route declarations say alike in the contract document: their headers, paging and errors. */
import { z } from 'zod/mini';
import { PcErrorBody } from '@/domain/partner-center';
import { ApiErrorBody } from '@/domain/schemas';
import type { Parameter } from '../openapi/operation';
import { query } from '../openapi/replies';

export const PAGING = {
  size: query('size', 'Page size (0 or none: the default).'),
  seekOperation: query('seekOperation', "`Next`, with the next link's MS-ContinuationToken header."),
  continuation: { name: 'MS-ContinuationToken', in: 'header', description: "The next link's token." } as Parameter,
};

/** The REST reference lists both as request media types (a `charset` parameter is allowed). */
export const BODY_TYPES = ['application/json', 'text/json'];

export const PC_HEADERS = { 'MS-RequestId': 'Echoed, or made.', 'MS-CorrelationId?': 'Echoed when sent.' };

export const REQUEST_ID: Parameter = {
  name: 'MS-RequestId',
  in: 'header',
  description: 'A write repeated with the same id within 10 minutes answers the first result again.',
};

const PC_ERRORS_BY_STATUS: Record<number, string> = {
  400: 'Invalid input (800002: also a body nested deeper than 64 levels, not UTF-8, or malformed percent-encoding in the address), an invalid property (3000), a missing phone number (600051) or a stale etag (2055).',
  401: 'No token (800001), or one expired, badly signed or for another audience (400); with WWW-Authenticate.',
  403: "The token's role may not do this (2032); or the Host or Origin is not one the API answers (the desk's error body).",
  404: 'No such customer (60003), policy (600039, 600040) or route (1000).',
  409: 'A policy for that customer exists (600041).',
  413: 'The body is over 64 KiB.',
  415: 'The body is not application/json.',
  500: 'Unexpected (800003).',
  503: 'The disk failed the write (503), or --fail-rate (the desk error body).',
  507: 'The disk is full (507).',
};
/** Either body: Partner Center's, or the desk's for what answers before /v1 does (host, origin, --fail-rate). */
const PcOrDeskError = z.union([PcErrorBody, ApiErrorBody]);

/** The error answers named, and what any `/v1` route may answer (sign-in, role, host/origin, --fail-rate). */
export const pcErrors = (...statuses: number[]) =>
  Object.fromEntries(
    [...statuses, 400, 401, 403, 500, 503].map((s) => [
      s,
      {
        description: PC_ERRORS_BY_STATUS[s],
        schema: PcOrDeskError,
        ...(s === 401 ? { headers: { 'WWW-Authenticate': 'Bearer challenge' } } : {}),
      },
    ]),
  );
