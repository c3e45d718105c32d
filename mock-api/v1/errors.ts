/** Partner Center's error body `{ code, description, data, source }` and the failures `/v1` throws to answer with it. */
import type { Response } from 'express';
import { PC_ERRORS, type PcErrorBody, type PcErrorKind } from '@/domain/partner-center';

/** A refused `/v1` request: thrown by a check, answered by the route wrapper. */
export class PcError extends Error {
  constructor(
    readonly kind: PcErrorKind,
    readonly detail?: string,
    readonly data: unknown[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? PC_ERRORS[kind].description);
  }
}

export function sendPcError(res: Response, error: PcError): void {
  const { status, code, description } = PC_ERRORS[error.kind];
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  const body: PcErrorBody = {
    code,
    description: error.detail ? `${description}: ${error.detail}` : description,
    data: error.data,
    source: 'PartnerFD',
  };
  res.status(status).json(body);
}

/** Field problems (dotted path → message) as a 400: Partner Center's specific code where it has one. */
export function fieldsError(fields: Record<string, string>): PcError {
  const paths = Object.keys(fields);
  const phoneMissing =
    paths.length === 1 && paths[0] === 'defaultAddress.phoneNumber' && fields[paths[0]].includes('required');
  const kind = phoneMissing ? 'phoneMissing' : 'invalidProperty';
  return new PcError(
    kind,
    paths.map((path) => `${path}: ${fields[path]}`).join(' '),
    paths.map((field) => ({ field, description: fields[field] })),
  );
}
