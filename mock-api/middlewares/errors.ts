import type { ErrorRequestHandler, Response } from 'express';
import type { ApiErrorBody } from '@/domain/schemas';
import { DamageError, StorageError } from '../store';

/** Every error leaves in one shape: `{ error: { code, message, fields? } }` (README, Errors). */
export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  extra: Omit<ApiErrorBody, 'error'> & { fields?: Record<string, string> } = {},
) {
  const { fields, ...rest } = extra;
  res.status(status).json({ error: { code, message, ...(fields ? { fields } : {}) }, ...rest });
}

/** The parts of a zod issue the API reports. */
export interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  input?: unknown;
}

/** zod issues → `{ "<dotted path>": "<message>" }`; an unknown key is reported at its own path. */
export function issueFields(issues: readonly Issue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) fields[at ? `${at}.${key}` : key] = 'Unknown field.';
    } else {
      fields[at] ??=
        issue.code === 'invalid_type' && issue.input === undefined ? 'This field is required.' : issue.message;
    }
  }
  return fields;
}

export function sendValidationError(res: Response, fields: Record<string, string>, status = 422) {
  const count = Object.keys(fields).length;
  sendError(
    res,
    status,
    'validation',
    `${count} field${count === 1 ? ' is' : 's are'} not valid: ${Object.keys(fields).join(', ')}.`,
    { fields },
  );
}

/** What a route threw: a refused disk write is 507/503 (the store changed nothing), anything else a 500. */
export const answerErrors: ErrorRequestHandler = (error: Error, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof StorageError) return sendError(res, error.status, error.code, error.message);
  if (error instanceof DamageError) return sendError(res, 500, 'damaged-file', error.message);
  sendError(res, 500, 'internal', `The mock API failed: ${error.message}`);
};
