/**
 * The version a `/v1` write names: `If-Match` (as Microsoft's page asks) and/or `attributes.etag` in the body (as its
 * examples send); given both ways, they must agree. Quotes are optional: `"b-x"` and `b-x` name the same version.
 */
import type { Request } from 'express';
import type { WriteOutcome } from '../resource-writes';
import { fieldsError, PcError } from './errors';

const quoted = (etag: string) => (etag.startsWith('"') ? etag : `"${etag}"`);

export function versionOf(req: Request, bodyEtag: string | null | undefined): string | undefined {
  const header = req.get('If-Match');
  const [a, b] = [header, bodyEtag ?? undefined].map((e) => (e ? quoted(e.replace(/^W\//, '')) : undefined));
  if (a && b && a !== b) throw new PcError('invalidInput', 'If-Match and attributes.etag name different versions.');
  return a ?? b;
}

/** A failed shared write in Partner Center's words: no version → 400, stale → 2055, fields → 400 naming them. */
export function writeFailure(outcome: Exclude<WriteOutcome, { ok: true }>, what: string): PcError {
  switch (outcome.reason) {
    case 'etag-required':
      return new PcError('invalidInput', `Send the ${what}'s etag (attributes.etag or If-Match) from your last read.`);
    case 'stale':
      return new PcError('staleEtag', `The ${what} changed since you read it; read it again and send its etag.`);
    case 'fields':
      return fieldsError(outcome.fields);
  }
}
