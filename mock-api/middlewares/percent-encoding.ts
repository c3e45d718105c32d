/**
 * Malformed percent-encoding (`/customers/%ff`, `?q=%e0%80`) is a 400 before any route sees it: Express's own decoding
 * of a path parameter throws, which would otherwise be a 500, and json-server's query parser lets it through as
 * text. `/v1` answers in Partner Center's body (code 800002), every other route in the desk's.
 */
import type { RequestHandler } from 'express';
import { PcError, sendPcError } from '../v1/errors';
import { sendError } from './errors';

/** A form-encoded part (a `+` is a space, as forms send it) decoded, or null when its percent-encoding is malformed. */
export function formDecoded(part: string): string | null {
  try {
    return decodeURIComponent(part.replaceAll('+', ' '));
  } catch {
    return null;
  }
}

/** Whether every part of the URL's path and query decodes. */
function wellEncoded(url: string): boolean {
  const at = url.indexOf('?');
  const parts = [at === -1 ? url : url.slice(0, at), ...(at === -1 ? [] : url.slice(at + 1).split(/[&=]/))];
  return parts.every((part) => formDecoded(part) !== null);
}

export const percentEncoding: RequestHandler = (req, res, next) => {
  if (wellEncoded(req.url)) return next();
  const message = 'The address has malformed percent-encoding (a % not followed by the UTF-8 bytes of a character).';
  if (/^\/v1(\/|$)/i.test(req.path)) sendPcError(res, new PcError('invalidInput', message));
  else sendError(res, 400, 'malformed-url', message);
};
