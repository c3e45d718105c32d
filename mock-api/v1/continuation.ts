/**
 * `MS-ContinuationToken`s: opaque to the client, signed here (HMAC), carrying where the next page starts and the
 * query it belongs to, so a seek request needs nothing else. An unknown, altered or foreign token is a 400. The
 * key lives as long as the process: after a restart, start again from the first page.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { CONTINUATION_HEADER } from '@/domain/partner-center';
import { toCollection } from '@/domain/partner-center-mapping';
import { PcError } from './errors';
import type { Answer } from './request-ids';

export class Continuations {
  private readonly secret = randomBytes(32);

  private sign(data: string): Buffer {
    return createHmac('sha256', this.secret).update(data).digest();
  }

  issue(route: string, state: object): string {
    const data = Buffer.from(JSON.stringify({ route, state })).toString('base64url');
    return `${data}.${this.sign(data).toString('base64url')}`;
  }

  /** The state of the request's token for `route`. */
  private read<T>(req: Request, route: string): T {
    const token = req.get(CONTINUATION_HEADER);
    if (!token)
      throw new PcError('invalidInput', `seekOperation=Next needs the ${CONTINUATION_HEADER} header of the next link.`);
    const [data, signature = ''] = token.split('.');
    const expected = this.sign(data);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new PcError(
        'invalidInput',
        `${CONTINUATION_HEADER} is not a token this server issued (or it restarted since).`,
      );
    const payload = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as { route: string; state: T };
    if (payload.route !== route) throw new PcError('invalidInput', `${CONTINUATION_HEADER} belongs to another query.`);
    return payload.state;
  }

  /** The state a `seekOperation=Next` request goes on from; undefined for a first page. */
  resume<T>(req: Request, route: string, seekOperation: string | undefined): T | undefined {
    if (seekOperation === undefined) return undefined;
    if (seekOperation.toLowerCase() !== 'next')
      throw new PcError('invalidInput', 'seekOperation must be Next: follow the next link of the last page.');
    return this.read<T>(req, route);
  }

  /** One page as Partner Center's Collection; with `rest` (where the next page starts), a `next` link to it. */
  page<T>(req: Request, route: string, size: number, items: T[], rest?: object): Answer {
    const next = rest && { uri: `/${route}?size=${size}&seekOperation=Next`, token: this.issue(route, rest) };
    return { status: 200, body: toCollection(items, { uri: req.originalUrl, method: 'GET', headers: [] }, next) };
  }
}
