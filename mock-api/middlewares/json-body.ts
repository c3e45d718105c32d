import type { Request, RequestHandler } from 'express';
import type { JsonObject } from '@/domain/merge-patch';
import { sendError } from './errors';

export const BODY_LIMIT = 64 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function forbiddenKeyPath(value: unknown, path: string[] = []): string | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return [...path, key].join('.');
    const inner = forbiddenKeyPath((value as Record<string, unknown>)[key], [...path, key]);
    if (inner) return inner;
  }
  return null;
}

/** Why a body was refused: the desk API and `/v1` each word it in their own error shape. */
export interface BodyFailure {
  status: 400 | 413 | 415;
  code: 'unsupported-media-type' | 'too-large' | 'malformed-json' | 'not-an-object' | 'forbidden-key';
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
}

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
      const text = Buffer.concat(chunks).toString('utf8');
      if (req.res) req.res.locals.requestBody = text;
      done({ text, over: size > limit });
    });
  });
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
  const { text, over } = await readRaw(req, BODY_LIMIT);
  return over ? { ok: false, ...tooLarge } : { ok: true, body: text };
}

/** A JSON object body; the first failure wins: 415 not JSON, 413 over 64 KiB, 400 malformed, not an object, or a prototype-pollution key. */
export async function readJsonBody(req: Request, mediaTypes: readonly string[]): Promise<BodyResult<JsonObject>> {
  const text = await readBody(req, mediaTypes);
  return text.ok ? parseJsonObject(text.body) : text;
}

/** Text as a JSON object: 400 when malformed, not an object, or with a prototype-pollution key. */
export function parseJsonObject(text: string): BodyResult<JsonObject> {
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
