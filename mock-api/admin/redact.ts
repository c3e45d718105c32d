/**
 * What the request journal must not keep (request-journal.ts): anyone who can call `/__admin/requests` could
 * otherwise sign in as the client did. Credentials in headers, the token endpoint's (or any form's or JSON body's)
 * codes, verifiers, secrets and tokens, and anything shaped like a JWT, become `[redacted]`. Names are compared in
 * any letter case; every pattern here is linear in the text.
 */
import { formDecoded } from '../middlewares/percent-encoding';

export const REDACTED = '[redacted]';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);
const SECRET_FIELDS = [
  'code',
  'code_verifier',
  'refresh_token',
  'client_secret',
  'password',
  'access_token',
  'id_token',
  'client_assertion',
  'assertion',
];
const isSecretField = (name: string) => SECRET_FIELDS.includes(name.toLowerCase());

/** A JWT (header.payload.signature, base64url, the header starting `{"`), starting only where a run of such characters starts. */
const JWT = /(?<![\w-])eyJ[\w-]*\.[\w-]*\.[\w-]*/g;
/** A JSON string member named as a secret; a string cut short runs to the end of the text. */
const JSON_SECRET = new RegExp(`"(${SECRET_FIELDS.join('|')})"(\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*("|$)`, 'gi');

const withoutJwts = (text: string) => text.replace(JWT, REDACTED);

function formField(field: string): string {
  const eq = field.indexOf('=');
  if (eq === -1) return field;
  const raw = field.slice(0, eq);
  // Not percent-encoded properly: compared as it is.
  const name = formDecoded(raw) ?? raw;
  return isSecretField(name) ? `${field.slice(0, eq)}=${REDACTED}` : field;
}

/** A request body's text with its secrets redacted: fields of a form, members of JSON, JWTs anywhere. */
export function redactBody(text: string, contentType = ''): string {
  const form = contentType.split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';
  const named = form
    ? text.split('&').map(formField).join('&')
    : text.replace(JSON_SECRET, (_all, name: string, colon: string) => `"${name}"${colon}"${REDACTED}"`);
  return withoutJwts(named);
}

type Values = Record<string, string | string[]>;

const redactValue = (value: string | string[]) => (Array.isArray(value) ? value.map(withoutJwts) : withoutJwts(value));

/** Request headers (names in lower case) with credentials redacted. */
export function redactHeaders(headers: Values): Values {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, SECRET_HEADERS.has(name) ? REDACTED : redactValue(value)]),
  );
}

/** A query with its secret parameters redacted. */
export function redactQuery(query: Values): Values {
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [name, isSecretField(name) ? REDACTED : redactValue(value)]),
  );
}
