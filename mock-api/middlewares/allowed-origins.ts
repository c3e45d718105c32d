/**
 * Which web origins may call the API. A page the tester happens to have open must not be able to read or change
 * the data (with the tester's own browser as its courier), so only these are answered: requests without an
 * `Origin` (curl, Node, tests), browser extensions, pages served from this machine, the API's own pages, and what
 * `--allow-origin` adds.
 * The same defaults Vite adopted after CVE-2025-24010.
 */
import type { RequestHandler } from 'express';
import { isAdminPath } from '../admin/tool-paths';
import { isLoopbackName } from './allowed-hosts';
import { sendError } from './errors';

const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'safari-web-extension:']);
const WEB_SCHEMES = new Set(['http:', 'https:']);

/** `scheme://host[:port]` in lower case with the default port dropped, or null for what is not an origin. */
export function normalOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (!url.host || url.username || url.password || url.search || url.hash || !['', '/'].includes(url.pathname))
    return null;
  return `${url.protocol}//${url.host}`;
}

/**
 * `extra`: the `--allow-origin` values, already normal; `'*'` among them allows every origin. `self`: the API's own
 * origin as this request reached it (`http://<Host>`, a Host already allowed): its pages, such as the sign-in page,
 * post to it.
 */
export function originAllowed(origin: string | undefined, extra: readonly string[] = [], self?: string): boolean {
  if (origin === undefined || extra.includes('*')) return true;
  const normal = normalOrigin(origin);
  if (!normal) return false; // `null` (sandboxed frames, file: pages, some redirects) and anything malformed
  const { protocol, hostname } = new URL(normal);
  if (EXTENSION_SCHEMES.has(protocol)) return true;
  return (WEB_SCHEMES.has(protocol) && isLoopbackName(hostname)) || extra.includes(normal) || normal === self;
}

/** Whether the origin is a browser extension's. */
function isExtensionOrigin(origin: string | undefined): boolean {
  const normal = origin === undefined ? null : normalOrigin(origin);
  return normal !== null && EXTENSION_SCHEMES.has(new URL(normal).protocol);
}

/**
 * 403 `origin-not-allowed` before anything else answers, a CORS preflight included, so no Access-Control-Allow-Origin
 * leaves. `/__admin` (in any letter case, as routed) also refuses browser extensions: the Customer Desk extension never
 * calls it, and any other installed extension could otherwise wipe the data or read the request journal.
 */
export function allowedOrigins(extra: readonly string[] = []): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('Origin');
    if (isAdminPath(req.path) && isExtensionOrigin(origin))
      return sendError(
        res,
        403,
        'origin-not-allowed',
        `Browser extensions may not call /__admin (this one is ${origin}): it is for testers' tools, which call it ` +
          'without an Origin or from a page on localhost.',
      );
    const self = req.headers.host ? normalOrigin(`http://${req.headers.host}`) : null;
    if (originAllowed(origin, extra, self ?? undefined)) return next();
    const flag = normalOrigin(origin!) ?? origin;
    sendError(
      res,
      403,
      'origin-not-allowed',
      `Requests from the web page at ${JSON.stringify(origin)} are refused: this API answers the Customer Desk extension, ` +
        `pages on localhost and origins allowed at start. To allow this one, start the API with --allow-origin ${flag}.`,
    );
  };
}
