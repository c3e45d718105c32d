import type { z } from 'zod/mini';
import { normalizeKeys } from '@/domain/partner-center';
import { issueFields } from '../middlewares/errors';
import { fieldsError } from './errors';

/** A request body in Partner Center's shape, keys in either case: unknown keys and wrong types are a 400 naming them. */
export function parseBody<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const { value, duplicates } = normalizeKeys(body);
  const fields: Record<string, string> = {};
  for (const path of duplicates) fields[path] = 'This field is given twice (in camelCase and PascalCase).';
  const parsed = schema.safeParse(value);
  if (!parsed.success) Object.assign(fields, issueFields(parsed.error.issues));
  if (!parsed.success || Object.keys(fields).length) throw fieldsError(fields);
  return parsed.data;
}
