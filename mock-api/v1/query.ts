/**
 * `/v1` query parameters as Partner Center takes them: names without regard to case, each at most once; `size`
 * within the route's bounds; `filter` as URL-encoded JSON `{"Field","Value","Operator"}` with the route's fields and
 * operators. Anything else is a 400 that names the parameter, and changes nothing.
 */
import type { Request } from 'express';
import { FilterInput, normalizeKeys } from '@/domain/partner-center';
import { PcError } from './errors';

export interface Filter {
  field: string;
  value: string;
  operator: string;
}

/** The query's parameters by lower-case name; unknown or repeated ones are refused. */
export function readQuery(req: Request, allowed: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  const url = new URL(req.originalUrl, 'http://localhost');
  for (const [name, value] of url.searchParams) {
    const key = name.toLowerCase();
    const known = allowed.find((a) => a.toLowerCase() === key);
    if (!known)
      throw new PcError('invalidInput', `Unknown query parameter "${name}"; this route takes ${allowed.join(', ')}.`);
    if (known in values) throw new PcError('invalidInput', `The query parameter "${known}" is given more than once.`);
    values[known] = value;
  }
  return values;
}

/** `size`: absent or 0 is the default; 1 to max; anything else is a 400. */
export function readSize(raw: string | undefined, bounds: { default: number; max: number }): number {
  if (raw === undefined) return bounds.default;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) > bounds.max)
    throw new PcError('invalidInput', `size must be a whole number from 0 to ${bounds.max} (0: ${bounds.default}).`);
  return Number(raw) || bounds.default;
}

/** `filter` against the route's fields, each with its operators (as Partner Center spells them). */
export function readFilter(raw: string | undefined, fields: Record<string, readonly string[]>): Filter | undefined {
  if (raw === undefined) return undefined;
  const example = `{"Field":"${Object.keys(fields)[0]}","Value":"…","Operator":"${Object.values(fields)[0][0]}"}`;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new PcError('invalidInput', `filter must be URL-encoded JSON like ${example}.`);
  }
  const parsed = FilterInput.safeParse(normalizeKeys(json).value);
  if (!parsed.success) throw new PcError('invalidInput', `filter must be an object like ${example}, strings only.`);
  const { field, value, operator } = parsed.data;
  const known = Object.keys(fields).find((f) => f.toLowerCase() === field.toLowerCase());
  if (!known)
    throw new PcError('invalidInput', `filter Field "${field}" is not one of ${Object.keys(fields).join(', ')}.`);
  const op = fields[known].find((o) => o === operator.toLowerCase());
  if (!op) throw new PcError('invalidInput', `filter Operator for ${known} must be ${fields[known].join(' or ')}.`);
  return { field: known, value, operator: op };
}
