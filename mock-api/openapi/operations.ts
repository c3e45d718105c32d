/**
 * Every route of the mock API, for the contract document: method, path, parameters, and which schema answers which
 * status. The schemas are the code's own (components.ts); this list says where they apply. A route the server
 * serves but this list lacks fails `tests/api/contract.test.ts`, and an answer that does not fit it fails whichever
 * API test received it (tests/helpers/contract.ts).
 */
import { z } from 'zod/mini';
import * as pc from '@/domain/partner-center';
import { BillingProfileInput, Collection, SelfServePolicyInput } from '@/domain/partner-center';
import { RESOURCE_RULES } from '@/domain/resource-rules';
import { RESOURCE_KINDS, RESOURCES } from '@/domain/resources';
import { ROLE_IDS } from '@/domain/roles';
import * as desk from '@/domain/schemas';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@/domain/search';
import { ImportSummary, ResetSummary } from '../admin/control';
import { DataFile } from '../admin/data-set';
import { FaultRule, FaultRuleInput, FaultRuleList } from '../admin/fault-rules';
import { DEFAULT_LIMIT, JOURNAL_SIZE, JournalPage } from '../admin/request-journal';
import { IMPORT_LIMIT } from '../admin/routes';
import { Jwks, OAuthErrorBody, OpenIdConfiguration, TokenResponse } from '../authority/shapes';
import { Health } from '../health';

type Schema = z.core.$ZodType;

export interface Reply {
  description: string;
  /** The JSON body's schema. */
  schema?: Schema;
  /** A body that is not JSON: its media type. */
  type?: 'text/html' | 'text/css' | 'text/javascript';
  /** Headers the answer carries: name → what it holds; a name ending in `?` is sent only sometimes. */
  headers?: Record<string, string>;
}

export interface Parameter {
  name: string;
  in: 'query' | 'header';
  description: string;
  required?: boolean;
  schema?: Schema;
}

export type Tag = 'Customers' | 'Other collections' | 'Admin' | 'Partner Center (/v1)' | 'Sign-in authority' | 'Tools';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** With `{name}` for path parameters (PATH_PARAMETERS). */
  path: string;
  tag: Tag;
  summary: string;
  description?: string;
  /** Who may call: the role header, a bearer token, or anyone (host and origin rules still apply). */
  auth: 'role' | 'bearer' | 'none';
  parameters?: Parameter[];
  body?: { schema: Schema; types?: string[]; description?: string };
  responses: Record<number, Reply>;
}

export const PATH_PARAMETERS: Record<string, string> = {
  id: 'The id (a customer: its tenant id).',
  tenant: 'Any tenant segment: `common`, `organizations`, the partner tenant id, a domain.',
  collection: "A collection of the fixture file's beside customers and auditLog.",
  nested: 'Another collection: its items whose `<collection singular>Id` is `id`.',
  file: "A file of Swagger UI's.",
};

const text = z.string();
const anyObject = z.record(z.string(), z.unknown());
const query = (name: string, description: string, required = false): Parameter => ({
  name,
  in: 'query',
  description,
  required,
  schema: text,
});

const desks = (description: string): Reply => ({ description, schema: desk.ApiErrorBody });
const DESK_ERRORS: Record<number, string> = {
  400: 'Malformed JSON, not an object, a forbidden key, or a bad query parameter (`fields` names it).',
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
/** The desk's error answers: those named, and what any route may answer (host/origin, damage, --fail-rate). */
const deskErrors = (...statuses: number[]) =>
  Object.fromEntries([...statuses, 403, 500, 503].map((s) => [s, desks(DESK_ERRORS[s])]));

const PC_ERRORS_BY_STATUS: Record<number, string> = {
  400: 'Invalid input (800002), an invalid property (3000), a missing phone number (600051) or a stale etag (2055).',
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
const PcOrDeskError = z.union([pc.PcErrorBody, desk.ApiErrorBody]);
const pcErrors = (...statuses: number[]) =>
  Object.fromEntries(
    [...statuses, 401, 403, 500, 503].map((s) => [
      s,
      {
        description: PC_ERRORS_BY_STATUS[s],
        schema: PcOrDeskError,
        ...(s === 401 ? { headers: { 'WWW-Authenticate': 'Bearer challenge' } } : {}),
      },
    ]),
  );

const PAGING = [
  query('_page', 'Page number, from 1.'),
  query('_limit', `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`),
];
const PAGE_HEADERS = {
  'X-Total-Count': 'All the matches, on every page.',
  'Link?': "json-server's links to the `first`, `prev`, `next` and `last` pages (those that exist).",
};
const ETAG = { ETag: "The resource's version, to send back as If-Match." };

function deskResourceOperations(): Operation[] {
  return RESOURCE_KINDS.flatMap((kind): Operation[] => {
    const resource = RESOURCES[kind];
    const path = `/customers/{id}/${resource.path}`;
    const schema = RESOURCE_RULES[kind].schema;
    const name = resource.field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
    const written = { 200: { description: `The ${name} as saved.`, schema, headers: ETAG } };
    const writeErrors = deskErrors(400, 401, 404, 412, 413, 415, 422, 428, 507);
    return [
      {
        method: 'get',
        path,
        tag: 'Customers',
        summary: `Read the ${name}`,
        auth: 'role',
        responses: { 200: { description: `The ${name}.`, schema, headers: ETAG }, ...deskErrors(401, 404) },
      },
      {
        method: 'put',
        path,
        tag: 'Customers',
        summary: `Replace the ${name}`,
        description: `Needs the ${resource.right} right and If-Match. Read-only fields (${resource.readOnly.join(', ')}) may be sent unchanged.`,
        auth: 'role',
        parameters: [{ name: 'If-Match', in: 'header', required: true, description: 'The ETag of your last read.' }],
        body: { schema },
        responses: { ...written, ...writeErrors },
      },
      {
        method: 'patch',
        path,
        tag: 'Customers',
        summary: `Change the ${name} (JSON Merge Patch)`,
        description: 'RFC 7396: nested objects merge, `null` removes an optional field.',
        auth: 'role',
        parameters: [{ name: 'If-Match', in: 'header', required: true, description: 'The ETag of your last read.' }],
        body: { schema: anyObject, types: ['application/json', 'application/merge-patch+json'] },
        responses: { ...written, ...writeErrors },
      },
    ];
  });
}

const collectionItem = z.looseObject({});
const COLLECTION_QUERY = [
  query('_page', 'Page number (with `X-Total-Count` and `Link`).'),
  query('_limit', 'Page size (default 10 with _page).'),
  query('_sort', 'Fields to sort by, comma separated.'),
  query('_order', '`asc` or `desc` per sort field.'),
  query('_start', 'Slice start.'),
  query('_end', 'Slice end.'),
  query('q', 'Full-text search in every field.'),
  query('_embed', 'Add the items of another collection that point at each item.'),
  query('_expand', 'Add the item each item points at.'),
];
const collectionErrors = (...statuses: number[]) => deskErrors(401, ...statuses);

/** POST of an item: needs a role that may edit; json-server gives it an id when it has none. */
const addItem = (path: string, summary: string): Operation => ({
  method: 'post',
  path,
  tag: 'Other collections',
  summary,
  description: 'Needs a role that may edit customers. json-server gives the item an id when it has none.',
  auth: 'role',
  body: { schema: collectionItem },
  responses: {
    201: { description: 'The item added.', schema: collectionItem, headers: { Location: 'The item.' } },
    ...collectionErrors(400, 404, 413, 415, 507),
  },
});

const collectionOperations: Operation[] = [
  {
    method: 'get',
    path: '/{collection}',
    tag: 'Other collections',
    summary: 'List a collection',
    description:
      "json-server's query language: `field=value`, `field_gte`, `field_lte`, `field_ne`, `field_like` (matched literally, as a substring, case ignored), and the parameters below. Any known role.",
    auth: 'role',
    parameters: COLLECTION_QUERY,
    responses: {
      200: { description: 'The items.', schema: z.array(collectionItem) },
      ...collectionErrors(404),
    },
  },
  addItem('/{collection}', 'Add an item'),
  {
    method: 'get',
    path: '/{collection}/{id}',
    tag: 'Other collections',
    summary: 'Read an item',
    auth: 'role',
    parameters: [query('_embed', 'As for the list.'), query('_expand', 'As for the list.')],
    responses: { 200: { description: 'The item.', schema: collectionItem }, ...collectionErrors(404) },
  },
  ...(['put', 'patch'] as const).map(
    (method): Operation => ({
      method,
      path: '/{collection}/{id}',
      tag: 'Other collections',
      summary: method === 'put' ? 'Replace an item' : 'Change an item (its fields merge)',
      auth: 'role',
      body: { schema: collectionItem },
      responses: {
        200: { description: 'The item as saved.', schema: collectionItem },
        ...collectionErrors(400, 404, 413, 415, 507),
      },
    }),
  ),
  {
    method: 'delete',
    path: '/{collection}/{id}',
    tag: 'Other collections',
    summary: 'Remove an item',
    description: 'Items of other collections that point at it are removed too, as json-server does.',
    auth: 'role',
    responses: { 200: { description: 'Removed (an empty object).', schema: anyObject }, ...collectionErrors(404, 507) },
  },
  {
    method: 'get',
    path: '/{collection}/{id}/{nested}',
    tag: 'Other collections',
    summary: "List another collection's items that point at this item",
    auth: 'role',
    parameters: COLLECTION_QUERY,
    responses: { 200: { description: 'The items.', schema: z.array(collectionItem) }, ...collectionErrors(404) },
  },
  addItem('/{collection}/{id}/{nested}', 'Add an item to another collection, pointing at this item'),
];

const adminError = (...statuses: number[]) =>
  Object.fromEntries([...statuses, 403].map((s) => [s, desks(DESK_ERRORS[s] ?? 'See the message.')]));
const noContent = { 204: { description: 'Done.' } };

const adminOperations: Operation[] = [
  {
    method: 'post',
    path: '/__admin/reset',
    tag: 'Admin',
    summary: 'Back to the state the server started from',
    description:
      'The seed, the fixtures or the database as loaded (never a later import), durably. Also empties the request journal and the fault rules.',
    auth: 'none',
    responses: { 200: { description: 'Reset.', schema: ResetSummary }, ...adminError(503, 507) },
  },
  {
    method: 'get',
    path: '/__admin/export',
    tag: 'Admin',
    summary: 'All the data, as hand-editable JSON',
    auth: 'none',
    responses: {
      200: {
        description: 'Customers as GET /customers/{id} shows them, the audit log, other collections.',
        schema: DataFile,
      },
      ...adminError(),
    },
  },
  {
    method: 'post',
    path: '/__admin/import',
    tag: 'Admin',
    summary: 'Replace all the data',
    description: `Every customer is checked with the domain's rules; all or nothing. Up to ${IMPORT_LIMIT / 1024 / 1024} MiB. Resources get fresh ETags, audit entries fresh ids.`,
    auth: 'none',
    body: { schema: DataFile },
    responses: {
      200: { description: 'Imported.', schema: ImportSummary },
      ...adminError(400, 413, 415, 422, 503, 507),
    },
  },
  {
    method: 'get',
    path: '/__admin/requests',
    tag: 'Admin',
    summary: 'The request journal',
    description: `The last ${JOURNAL_SIZE} requests, newest first.`,
    auth: 'none',
    parameters: [
      query('method', 'Only this method.'),
      query('path', 'Only paths matching this glob (`*` one segment, `**` any).'),
      query('status', 'Only this status (`412`) or class (`4xx`).'),
      query('limit', `At most this many (default ${DEFAULT_LIMIT}).`),
    ],
    responses: { 200: { description: 'The matches.', schema: JournalPage }, ...adminError(400) },
  },
  {
    method: 'delete',
    path: '/__admin/requests',
    tag: 'Admin',
    summary: 'Empty the request journal',
    auth: 'none',
    responses: { ...noContent, ...adminError() },
  },
  {
    method: 'post',
    path: '/__admin/faults',
    tag: 'Admin',
    summary: 'Add a fault rule',
    description: 'The first matching rule applies, in the order added. Injected answers carry `X-Mock-Fault: <id>`.',
    auth: 'none',
    body: { schema: FaultRuleInput },
    responses: { 201: { description: 'The rule.', schema: FaultRule }, ...adminError(400, 413, 415, 422) },
  },
  {
    method: 'get',
    path: '/__admin/faults',
    tag: 'Admin',
    summary: 'The fault rules',
    auth: 'none',
    responses: { 200: { description: 'In the order they are tried.', schema: FaultRuleList }, ...adminError() },
  },
  {
    method: 'delete',
    path: '/__admin/faults',
    tag: 'Admin',
    summary: 'Remove every fault rule',
    auth: 'none',
    responses: { ...noContent, ...adminError() },
  },
  {
    method: 'get',
    path: '/__admin/faults/{id}',
    tag: 'Admin',
    summary: 'A fault rule',
    auth: 'none',
    responses: { 200: { description: 'The rule.', schema: FaultRule }, ...adminError(404) },
  },
  {
    method: 'delete',
    path: '/__admin/faults/{id}',
    tag: 'Admin',
    summary: 'Remove a fault rule',
    auth: 'none',
    responses: { ...noContent, ...adminError(404) },
  },
];

const V1_QUERY = {
  size: query('size', 'Page size (0 or none: the default).'),
  seekOperation: query('seekOperation', "`Next`, with the next link's MS-ContinuationToken header."),
  continuation: { name: 'MS-ContinuationToken', in: 'header', description: "The next link's token." } as Parameter,
};
const PC_HEADERS = { 'MS-RequestId': 'Echoed, or made.', 'MS-CorrelationId?': 'Echoed when sent.' };
const requestId: Parameter = {
  name: 'MS-RequestId',
  in: 'header',
  description: 'A write repeated with the same id within 10 minutes answers the first result again.',
};

const v1Operations: Operation[] = [
  {
    method: 'get',
    path: '/v1/customers',
    tag: 'Partner Center (/v1)',
    summary: 'List or search customers',
    auth: 'bearer',
    parameters: [
      V1_QUERY.size,
      query('filter', 'URL-encoded JSON `{"Field":"CompanyName"|"Domain","Value","Operator":"starts_with"}`.'),
      V1_QUERY.seekOperation,
      V1_QUERY.continuation,
    ],
    responses: {
      200: { description: 'A page.', schema: Collection(pc.CustomerSummary), headers: PC_HEADERS },
      ...pcErrors(400),
    },
  },
  {
    method: 'get',
    path: '/v1/customers/{id}',
    tag: 'Partner Center (/v1)',
    summary: 'A customer',
    auth: 'bearer',
    responses: { 200: { description: 'The customer.', schema: pc.PcCustomer }, ...pcErrors(404) },
  },
  {
    method: 'get',
    path: '/v1/customers/{id}/profiles/billing',
    tag: 'Partner Center (/v1)',
    summary: "A customer's billing profile",
    auth: 'bearer',
    responses: {
      200: { description: 'The profile.', schema: pc.CustomerBillingProfile, headers: ETAG },
      ...pcErrors(404),
    },
  },
  {
    method: 'put',
    path: '/v1/customers/{id}/profiles/billing',
    tag: 'Partner Center (/v1)',
    summary: "Update a customer's billing profile",
    description: 'The full resource, camelCase or PascalCase; its version in `attributes.etag` and/or If-Match.',
    auth: 'bearer',
    parameters: [requestId, { name: 'If-Match', in: 'header', description: 'The etag (or give attributes.etag).' }],
    body: { schema: BillingProfileInput },
    responses: {
      200: { description: 'The profile as saved.', schema: pc.CustomerBillingProfile, headers: ETAG },
      ...pcErrors(400, 404, 413, 415, 507),
    },
  },
  {
    method: 'get',
    path: '/v1/customers/{id}/profiles/company',
    tag: 'Partner Center (/v1)',
    summary: "A customer's company profile",
    description: 'Partner Center has no operation that changes it: other methods are 405.',
    auth: 'bearer',
    responses: { 200: { description: 'The profile.', schema: pc.CustomerCompanyProfile }, ...pcErrors(404) },
  },
  {
    method: 'get',
    path: '/v1/SelfServePolicy',
    tag: 'Partner Center (/v1)',
    summary: "A customer's self-serve policies (0 or 1)",
    auth: 'bearer',
    parameters: [query('entity_id', "The customer's tenant id.", true)],
    responses: { 200: { description: 'The policies.', schema: Collection(pc.SelfServePolicy) }, ...pcErrors(400, 404) },
  },
  {
    method: 'post',
    path: '/v1/SelfServePolicy',
    tag: 'Partner Center (/v1)',
    summary: 'Give a customer permission to purchase',
    auth: 'bearer',
    parameters: [requestId],
    body: { schema: SelfServePolicyInput },
    responses: {
      201: { description: 'The policy.', schema: pc.SelfServePolicy, headers: { Location: 'The policy.' } },
      ...pcErrors(400, 404, 409, 413, 415, 507),
    },
  },
  ...[
    ['/v1/SelfServePolicy', 'Change a self-serve policy (its id in the body)'],
    ['/v1/SelfServePolicy/{id}', 'Change a self-serve policy'],
  ].map(
    ([path, summary]): Operation => ({
      method: 'put',
      path,
      tag: 'Partner Center (/v1)',
      summary,
      auth: 'bearer',
      parameters: [requestId],
      body: { schema: SelfServePolicyInput },
      responses: {
        200: { description: 'The policy.', schema: pc.SelfServePolicy },
        ...pcErrors(400, 404, 413, 415, 507),
      },
    }),
  ),
  {
    method: 'get',
    path: '/v1/SelfServePolicy/{id}',
    tag: 'Partner Center (/v1)',
    summary: 'A self-serve policy',
    auth: 'bearer',
    responses: { 200: { description: 'The policy.', schema: pc.SelfServePolicy }, ...pcErrors(404) },
  },
  {
    method: 'delete',
    path: '/v1/SelfServePolicy/{id}',
    tag: 'Partner Center (/v1)',
    summary: 'Remove the permission to purchase',
    auth: 'bearer',
    parameters: [requestId],
    responses: { 204: { description: 'Removed.' }, ...pcErrors(400, 404, 507) },
  },
  {
    method: 'get',
    path: '/v1/auditrecords',
    tag: 'Partner Center (/v1)',
    summary: 'Audit records',
    auth: 'bearer',
    parameters: [
      query('startDate', 'yyyy-mm-dd or an ISO date-time (UTC), at most 90 days ago.', true),
      query('endDate', 'Inclusive; default today.'),
      query('filter', 'URL-encoded JSON on CustomerId, ResourceType (equals) or CompanyName (substring).'),
      V1_QUERY.size,
      V1_QUERY.seekOperation,
      V1_QUERY.continuation,
    ],
    responses: { 200: { description: 'A page, newest first.', schema: Collection(pc.AuditRecord) }, ...pcErrors(400) },
  },
];

const htmlPage = (description: string): Reply => ({ description, type: 'text/html' });
const AUTHORIZE_PARAMS = [
  query('client_id', 'Any client id.', true),
  query('response_type', '`code`.', true),
  query('redirect_uri', "An extension's identity address or on localhost.", true),
  query('scope', 'Space separated.'),
  query('state', 'Returned with the code.'),
  query('code_challenge', 'PKCE: base64url SHA-256 of the verifier.', true),
  query('code_challenge_method', '`S256`.', true),
  query('login_hint', 'A test user signs in at once.'),
  query('prompt', '`login` or `select_account` show the page anyway.'),
  query('nonce', 'Put in the ID token.'),
  query('response_mode', '`query`.'),
];
const redirect: Reply = {
  description: 'To redirect_uri with `code` and `state`.',
  headers: { Location: 'redirect_uri?code=…&state=…' },
};
const form = z.record(z.string(), z.string());

const authorityOperations: Operation[] = [
  {
    method: 'get',
    path: '/{tenant}/v2.0/.well-known/openid-configuration',
    tag: 'Sign-in authority',
    summary: 'OpenID Connect discovery',
    auth: 'none',
    responses: { 200: { description: 'The endpoints.', schema: OpenIdConfiguration }, ...adminError(503) },
  },
  {
    method: 'get',
    path: '/{tenant}/discovery/v2.0/keys',
    tag: 'Sign-in authority',
    summary: 'The signing key (JWKS)',
    auth: 'none',
    responses: { 200: { description: 'The public key.', schema: Jwks }, ...adminError(503) },
  },
  {
    method: 'get',
    path: '/{tenant}/oauth2/v2.0/authorize',
    tag: 'Sign-in authority',
    summary: 'Sign in (authorization code with PKCE)',
    auth: 'none',
    parameters: AUTHORIZE_PARAMS,
    responses: {
      200: htmlPage('"Sign in to the mock Partner Center": one button per test user.'),
      302: redirect,
      400: htmlPage('A bad request, explained; never redirected.'),
      ...adminError(503),
    },
  },
  {
    method: 'post',
    path: '/{tenant}/oauth2/v2.0/authorize',
    tag: 'Sign-in authority',
    summary: "The sign-in page's button",
    auth: 'none',
    body: { schema: form, types: ['application/x-www-form-urlencoded'] },
    responses: {
      200: htmlPage('The page again.'),
      302: redirect,
      400: htmlPage('A bad request, explained; never redirected.'),
      ...adminError(503),
    },
  },
  {
    method: 'post',
    path: '/{tenant}/oauth2/v2.0/token',
    tag: 'Sign-in authority',
    summary: 'Redeem a code or a refresh token',
    auth: 'none',
    body: { schema: form, types: ['application/x-www-form-urlencoded'] },
    responses: {
      200: { description: 'Tokens.', schema: TokenResponse },
      400: { description: 'invalid_request, invalid_grant or unsupported_grant_type.', schema: OAuthErrorBody },
      ...adminError(503),
    },
  },
];

const toolOperations: Operation[] = [
  {
    method: 'get',
    path: '/health',
    tag: 'Tools',
    summary: 'Is the API up?',
    description: 'No role needed; never faulted.',
    auth: 'none',
    responses: { 200: { description: 'Up.', schema: Health }, ...adminError() },
  },
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'Tools',
    summary: 'This document',
    auth: 'none',
    responses: { 200: { description: 'OpenAPI 3.1.', schema: anyObject }, ...adminError() },
  },
  {
    method: 'get',
    path: '/docs',
    tag: 'Tools',
    summary: 'This document, to read (Swagger UI)',
    auth: 'none',
    responses: { 200: htmlPage('The reference.'), ...adminError() },
  },
  {
    method: 'get',
    path: '/docs/{file}',
    tag: 'Tools',
    summary: "Swagger UI's scripts and styles",
    auth: 'none',
    responses: { 200: { description: 'The file.', type: 'text/javascript' }, ...adminError(404) },
  },
];

export interface OperationOptions {
  /** Whether `/__admin` is served (not with --no-admin). */
  admin: boolean;
}

export function operations({ admin }: OperationOptions): Operation[] {
  return [
    ...toolOperations,
    {
      method: 'get',
      path: '/customers',
      tag: 'Customers',
      summary: 'Search customers',
      description:
        'Every piece of `q` must match the start of a word of the company or contact name or e-mail, or the start of the domain, e-mail or id; ranked: company name equal, starting with, a word of it starting with, then domain, contact, id (domain/search.ts). Items are summaries; `GET /customers/{id}` has the whole customer.',
      auth: 'role',
      parameters: [query('q', 'What to look for; none lists every customer.'), ...PAGING],
      responses: {
        200: {
          description: 'A page of customer summaries.',
          schema: z.array(desk.CustomerSummary),
          headers: PAGE_HEADERS,
        },
        ...deskErrors(400, 401),
      },
    },
    {
      method: 'get',
      path: '/customers/{id}',
      tag: 'Customers',
      summary: 'A customer, whole',
      auth: 'role',
      responses: {
        200: { description: 'The customer.', schema: desk.Customer, headers: { ETag: 'Changes when any part does.' } },
        ...deskErrors(401, 404),
      },
    },
    ...deskResourceOperations(),
    {
      method: 'get',
      path: '/customers/{id}/auditLog',
      tag: 'Customers',
      summary: "A customer's audit log, newest first",
      auth: 'role',
      parameters: PAGING,
      responses: {
        200: { description: 'A page of entries.', schema: z.array(desk.AuditEntry), headers: PAGE_HEADERS },
        ...deskErrors(400, 401, 404),
      },
    },
    {
      method: 'post',
      path: '/validations/address',
      tag: 'Customers',
      summary: 'Check an address',
      description:
        '200 when valid and spelled the canonical way; 400 with `fields` and, where it can, `suggestedAddress`.',
      auth: 'role',
      body: { schema: anyObject },
      responses: {
        200: { description: 'Valid.', schema: desk.AddressValidation },
        ...deskErrors(400, 401, 413, 415),
      },
    },
    ...collectionOperations,
    ...(admin ? adminOperations : []),
    ...v1Operations,
    ...authorityOperations,
  ];
}
