import type { RequestHandler } from 'express';
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

/**
 * Reads a JSON object body into `res.locals.body`, in the order of design §4: 415 not JSON, 413 over 64 KiB,
 * 400 malformed JSON, not an object, or a prototype-pollution key. Placed after the role and id checks, so those win.
 */
export function jsonBody(mediaTypes = ['application/json']): RequestHandler {
  return (req, res, next) => {
    const type = (req.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
    if (!mediaTypes.includes(type)) {
      req.resume();
      return sendError(res, 415, 'unsupported-media-type', `Send the body as ${mediaTypes.join(' or ')}.`);
    }
    const tooLarge = () => sendError(res, 413, 'too-large', `The body is over the ${BODY_LIMIT / 1024} KiB limit.`);
    if (Number(req.get('Content-Length') ?? 0) > BODY_LIMIT) {
      req.resume();
      return tooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) return tooLarge();
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        return sendError(res, 400, 'malformed-json', `The body is not valid JSON: ${(error as Error).message}`);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        return sendError(res, 400, 'not-an-object', 'The body must be a JSON object.');
      const forbidden = forbiddenKeyPath(body);
      if (forbidden)
        return sendError(res, 400, 'forbidden-key', `"${forbidden.split('.').pop()}" is not allowed as a key.`, {
          fields: { [forbidden]: 'This key is not allowed.' },
        });
      res.locals.body = body;
      next();
    });
  };
}
