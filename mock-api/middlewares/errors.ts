import type { Response } from 'express';
import type { ApiErrorBody } from '@/domain/schemas';

/** Every error leaves in the one shape of design §4. */
export function sendError(res: Response, status: number, code: string, message: string, extra: Partial<ApiErrorBody> & { fields?: Record<string, string> } = {}) {
  const { fields, ...rest } = extra;
  res.status(status).json({ error: { code, message, ...(fields ? { fields } : {}) }, ...rest });
}
