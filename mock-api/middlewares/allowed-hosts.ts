/**
 * Which `Host` names the API answers. A web page can point a name it controls at 127.0.0.1 (DNS rebinding) and
 * then talk to the API as a same-origin page; the browser still sends that name as `Host`, so only loopback names,
 * the address the API listens on and what `--allow-host` adds are answered.
 */
import type { RequestHandler } from 'express';
import { sendError } from './errors';

/** `localhost`, `*.localhost` (RFC 6761 keeps them on this machine), `127.0.0.1` and `[::1]`, as URL hostnames. */
export function isLoopbackName(hostname: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(hostname) || hostname.endsWith('.localhost');
}

/** A host name or address as it appears in a URL: lower case, IPv6 in brackets. */
export function normalHost(name: string): string {
  const lower = name.toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/** The hostname of a `Host` header (its port dropped), or null when it is not one. */
function hostnameOf(header: string): string | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::\d{1,5})?$/i.exec(header);
  return match ? match[1].toLowerCase() : null;
}

/** `listening`: the `--host` address; `extra`: the `--allow-host` names. */
export function allowedHosts(listening: string | undefined, extra: readonly string[] = []): RequestHandler {
  const allowed = new Set([...(listening ? [normalHost(listening)] : []), ...extra.map(normalHost)]);
  return (req, res, next) => {
    const header = req.headers.host;
    // HTTP/1.0 clients may send none; a browser always does.
    if (header === undefined) return next();
    const hostname = hostnameOf(header);
    if (hostname && (isLoopbackName(hostname) || allowed.has(hostname))) return next();
    sendError(
      res,
      403,
      'host-not-allowed',
      `Requests for the host ${JSON.stringify(header)} are refused: this API answers localhost, *.localhost, 127.0.0.1, ` +
        `[::1] and the address it listens on (a guard against DNS rebinding). To allow this name, start the API with ` +
        `--allow-host ${hostname ?? header}.`,
    );
  };
}
