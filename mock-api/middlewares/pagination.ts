import type { Request, Response } from 'express';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@/domain/search';
import { query } from '../openapi/replies';
import { sendValidationError } from './errors';

/** The query parameters `readPage` takes, and the headers `pageHeaders` sends, for the contract document. */
export const PAGING = [
  query('_page', 'Page number, from 1.'),
  query('_limit', `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`),
];
export const PAGE_HEADERS = {
  'X-Total-Count': 'All the matches, on every page.',
  'Link?': "json-server's links to the `first`, `prev`, `next` and `last` pages (those that exist).",
};

export interface Page {
  page: number;
  limit: number;
}

/**
 * Checks the query: only `allowed` parameters (json-server's own `_like`, `_gte`, `_ne`, … filters are refused, as
 * they build a RegExp from user text), and `_page` ≥ 1, `_limit` 1…100 (larger is capped). Answers 400 and
 * returns null when the query is bad.
 */
export function readPage(req: Request, res: Response, allowed: readonly string[]): Page | null {
  const fields: Record<string, string> = {};
  for (const key of Object.keys(req.query)) {
    if (![...allowed, '_page', '_limit'].includes(key))
      fields[key] = `Unknown query parameter; use ${[...allowed, '_page', '_limit'].join(', ')}.`;
    else if (typeof req.query[key] !== 'string') fields[key] = 'Give this parameter once.';
  }
  const whole = (key: string, fallback: number) => {
    const raw = req.query[key];
    if (raw === undefined || typeof raw !== 'string') return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 1) fields[key] ??= 'Use a whole number of at least 1.';
    return n;
  };
  const page = whole('_page', 1);
  const limit = Math.min(MAX_PAGE_SIZE, whole('_limit', DEFAULT_PAGE_SIZE));
  if (Object.keys(fields).length) {
    sendValidationError(res, fields, 400);
    return null;
  }
  return { page, limit };
}

/**
 * json-server's paging headers: `X-Total-Count` and a `Link` to the `first`, `prev`, `next` and `last` pages, each
 * only where json-server gives it (no links for an empty page, first and last only when there is more than one).
 */
export function pageHeaders(req: Request, res: Response, { page, limit }: Page, total: number): void {
  res.setHeader('X-Total-Count', String(total));
  const shown = Math.max(0, Math.min(limit, total - (page - 1) * limit));
  if (!shown) return;
  const url = new URL(`${req.protocol}://${req.get('host')}${req.originalUrl}`);
  const to = (n: number) => {
    url.searchParams.set('_page', String(n));
    return url.href;
  };
  const last = Math.ceil(total / limit);
  res.links({
    ...(shown < total && { first: to(1) }),
    ...(page > 1 && { prev: to(page - 1) }),
    ...(page * limit < total && { next: to(page + 1) }),
    ...(shown < total && { last: to(last) }),
  });
}
