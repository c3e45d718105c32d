/**
 * `POST /validations/address`: 200 `{ valid: true, address }` when the address passes its country's rules and is
 * spelled the canonical way; otherwise 400 with field messages and, when the canonical spelling would pass,
 * `suggestedAddress` (e.g. GB `sw1a1aa` → `SW1A 1AA`, US state `wa` → `WA`).
 */
import type { RequestHandler } from 'express';
import { canonicalAddress } from '@/domain/countries';
import type { JsonObject } from '@/domain/merge-patch';
import { Address, AddressValidation } from '@/domain/schemas';
import { issueFields, sendError } from '../middlewares/errors';
import { jsonBody } from '../middlewares/json-body';
import { anyObject, deskErrors } from '../openapi/replies';
import type { Route } from '../route-table';
import type { Database } from '../store';

const validateAddress: RequestHandler = (_req, res) => {
  const given = res.locals.body as JsonObject;
  const parsed = Address.safeParse(given);
  const canonical = canonicalAddress(given);
  const suggestion = Address.safeParse(canonical);
  const fields = parsed.success ? {} : issueFields(parsed.error.issues);
  if (suggestion.success) {
    for (const [key, value] of Object.entries(canonical)) {
      const trimmed = typeof given[key] === 'string' ? (given[key] as string).trim() : given[key];
      if (value !== trimmed) fields[key] ??= `Did you mean ${String(value)}?`;
    }
  }
  if (parsed.success && !Object.keys(fields).length)
    return res.json({ valid: true, address: parsed.data } satisfies AddressValidation);
  sendError(res, 400, 'validation', 'This address is not valid as written.', {
    fields,
    ...(suggestion.success ? { suggestedAddress: suggestion.data } : {}),
  });
};

/** Any known role may check an address. */
export const addressRoute: Route<Database> = {
  method: 'post',
  path: '/validations/address',
  summary: 'Check an address',
  description: '200 when valid and spelled the canonical way; 400 with `fields` and, where it can, `suggestedAddress`.',
  body: { schema: anyObject },
  responses: {
    200: { description: 'Valid.', schema: AddressValidation },
    ...deskErrors(400, 401, 413, 415),
  },
  handle: () => [jsonBody(), validateAddress],
};
