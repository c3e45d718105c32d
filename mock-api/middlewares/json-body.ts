import type { Request, RequestHandler } from 'express';
import type { JsonObject } from '@/domain/merge-patch';
import { sendError } from './errors';

export const BODY_LIMIT = 64 * 1024;
/** Arrays and objects nested deeper than this are refused before the text is parsed (README, Security). */
export const MAX_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether JSON text nests arrays and objects deeper than `max`: one pass over the text, strings skipped. */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The dotted path of the first forbidden key, walked without recursion (the depth is capped already). */
function forbiddenKeyPath(root: unknown): string | null {
  const stack: { value: unknown; path: string | null }[] = [{ value: root, path: null }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { value, path } = top;
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      const at = path === null ? key : `${path}.${key}`;
      if (FORBIDDEN_KEYS.has(key)) return at;
      stack.push({ value: (value as Record<string, unknown>)[key], path: at });
    }
  }
  return null;
}

/** Why a body was refused: the desk API and `/v1` each word it in their own error shape. */
export interface BodyFailure {
  status: 400 | 413 | 415;
  code:
    | 'unsupported-media-type'
    | 'too-large'
    | 'malformed-json'
    | 'invalid-utf8'
    | 'too-deep'
    | 'not-an-object'
    | 'forbidden-key';
  message: string;
  fields?: Record<string, string>;
}
export type BodyResult<T> = { ok: true; body: T } | ({ ok: false } & BodyFailure);

const tooLarge: BodyFailure = {
  status: 413,
  code: 'too-large',
  message: `The body is over the ${BODY_LIMIT / 1024} KiB limit.`,
};

/** What a request sent, as text; `over`: it sent more than the limit (the rest was read and dropped). */
export interface RawBody {
  text: string;
  over: boolean;
  /** false when the bytes are not valid UTF-8 (`text` then has U+FFFD in their place). */
  utf8: boolean;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the whole request, keeping up to `limit` bytes. What was kept is also left in `res.locals.requestBody`
 * for the request journal (admin/request-journal.ts), which shows testers what a client sent.
 */
export function readRaw(req: Request, limit: number): Promise<RawBody> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('error', fail);
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      let text: string;
      let utf8 = true;
      try {
        text = strictUtf8.decode(bytes);
      } catch {
        text = bytes.toString('utf8');
        utf8 = false;
      }
      if (req.res) req.res.locals.requestBody = text;
      done({ text, over: size > limit, utf8 });
    });
  });
}

const notUtf8: BodyFailure = {
  status: 400,
  code: 'invalid-utf8',
  message: 'The body is not valid UTF-8; nothing was changed.',
};

/** A body read whole: its text, or 400 when it is not UTF-8. */
export function utf8Text({ text, utf8 }: RawBody): BodyResult<string> {
  return utf8 ? { ok: true, body: text } : { ok: false, ...notUtf8 };
}

/** The body of one of `mediaTypes` (415 otherwise), up to 64 KiB (413), as text. */
export async function readBody(req: Request, mediaTypes: readonly string[]): Promise<BodyResult<string>> {
  const type = (req.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (!mediaTypes.includes(type)) {
    req.resume();
    return {
      ok: false,
      status: 415,
      code: 'unsupported-media-type',
      message: `Send the body as ${mediaTypes.join(' or ')}.`,
    };
  }
  if (Number(req.get('Content-Length') ?? 0) > BODY_LIMIT) {
    req.resume();
    return { ok: false, ...tooLarge };
  }
  const raw = await readRaw(req, BODY_LIMIT);
  return raw.over ? { ok: false, ...tooLarge } : utf8Text(raw);
}

/**
 * A JSON object body; the first failure wins: 415 not JSON, 413 over 64 KiB, 400 not UTF-8, nested too deep,
 * malformed, not an object, or a prototype-pollution key.
 */
export async function readJsonBody(req: Request, mediaTypes: readonly string[]): Promise<BodyResult<JsonObject>> {
  const text = await readBody(req, mediaTypes);
  return text.ok ? parseJsonObject(text.body) : text;
}

/**
 * Text as a JSON object: 400 when nested deeper than MAX_DEPTH (checked first, so no later walk meets a deep tree),
 * malformed, not an object, or with a prototype-pollution key.
 */
export function parseJsonObject(text: string): BodyResult<JsonObject> {
  if (nestedDeeperThan(text, MAX_DEPTH))
    return {
      ok: false,
      status: 400,
      code: 'too-deep',
      message: `The body is nested too deeply: at most ${MAX_DEPTH} levels of arrays and objects.`,
    };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      status: 400,
      code: 'malformed-json',
      message: `The body is not valid JSON: ${(error as Error).message}`,
    };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, status: 400, code: 'not-an-object', message: 'The body must be a JSON object.' };
  const forbidden = forbiddenKeyPath(body);
  if (forbidden) {
    return {
      ok: false,
      status: 400,
      code: 'forbidden-key',
      message: `"${forbidden.split('.').pop()}" is not allowed as a key.`,
      fields: { [forbidden]: 'This key is not allowed.' },
    };
  }
  return { ok: true, body: body as JsonObject };
}

/**
 * Reads a JSON object body into `res.locals.body` (see readJsonBody). Placed after the role and id checks, so those win.
 */
export function jsonBody(mediaTypes = ['application/json']): RequestHandler {
  return (req, res, next) => {
    readJsonBody(req, mediaTypes).then((result) => {
      if (!result.ok) return sendError(res, result.status, result.code, result.message, { fields: result.fields });
      res.locals.body = result.body;
      next();
    }, next);
  };
}
