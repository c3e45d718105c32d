/**
 * The request journal (WireMock's `/__admin/requests`): the last 1,000 requests the API answered, so a tester can
 * check what a client sent — method, path, query, headers (`If-Match` too), body — and what status it got back. The
 * tester's own tools (`/__admin`, `/docs`, `/openapi.json`, in any letter case) are never journaled.
 *
 * Bounded in bytes, not only in count: each entry keeps the first BODY_KEPT characters of the body, as text (parsed
 * only when read, and only when whole and shallow), and the oldest entries go while the whole is over JOURNAL_BYTES.
 * It keeps no secrets: credentials in headers, and sign-in codes, verifiers, secrets and tokens in bodies and
 * queries, are kept as `[redacted]` (README, "Security").
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { z } from 'zod/mini';
import { MAX_DEPTH, nestedDeeperThan } from '../middlewares/json-body';
import { type Glob, globMatches, parseGlob } from './path-glob';
import { redactBody, redactHeaders, redactQuery } from './redact';
import { isToolPath } from './tool-paths';

export const JOURNAL_SIZE = 1000;
export const DEFAULT_LIMIT = 100;
/** Characters of a body an entry keeps. */
export const BODY_KEPT = 4 * 1024;
/** What all the entries together may keep, counted in characters of their text. */
export const JOURNAL_BYTES = 4 * 1024 * 1024;

export const JournaledRequest = z.strictObject({
  id: z.string(),
  /** When the request arrived (ISO 8601). */
  at: z.string(),
  method: z.string(),
  /** The path as sent, without the query. */
  path: z.string(),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  /** Header names in lower case. */
  headers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  /** The parsed JSON where the body was JSON, else its text; null when nothing was read (none sent, or refused unread). */
  body: z.unknown(),
  /** null when the connection was dropped (a fault rule's `drop`, or the client went away) before an answer. */
  status: z.nullable(z.int()),
  durationMs: z.number(),
});
export type JournaledRequest = z.infer<typeof JournaledRequest>;

export const JournalPage = z.strictObject({
  /** How many kept requests match the filter (before `limit`). */
  total: z.int(),
  /** Newest first. */
  requests: z.array(JournaledRequest),
});

export interface JournalFilter {
  method?: string;
  path?: Glob;
  /** A status code (`412`) or class (`4`, from `4xx`). */
  status?: { code: number } | { class: number };
  limit: number;
}

function queryOf(url: URL): JournaledRequest['query'] {
  const query: JournaledRequest['query'] = {};
  for (const [name, value] of url.searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

/** An entry as kept: the body as (cut, redacted) text; `size` its share of JOURNAL_BYTES. */
interface Kept extends Omit<JournaledRequest, 'body'> {
  body: string | null;
  size: number;
}

/** The body as shown: parsed JSON where it is whole JSON nested within the limit, else the text. */
function bodyOf(text: string | null): unknown {
  if (text === null || text === '' || nestedDeeperThan(text, MAX_DEPTH)) return text || null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The first BODY_KEPT characters, saying how much was cut. */
function cut(text: string): string {
  return text.length <= BODY_KEPT
    ? text
    : `${text.slice(0, BODY_KEPT)}… [${text.length - BODY_KEPT} more characters not kept]`;
}

export class RequestJournal {
  /** Oldest first; at most JOURNAL_SIZE, and JOURNAL_BYTES together. */
  private entries: Kept[] = [];
  private bytes = 0;

  /** Records every request but the tools' when its answer is sent or its connection closes. */
  readonly recorder: RequestHandler = (req, res, next) => {
    if (isToolPath(req.path)) return next();
    const started = performance.now();
    const at = new Date().toISOString();
    // As sent: routes may rewrite the URL on the way (the audit log's hands json-server a query of its own).
    const sent = new URL(req.originalUrl, 'http://localhost');
    const { path, method } = req;
    let recorded = false;
    const record = (status: number | null) => {
      if (recorded) return;
      recorded = true;
      const text = res.locals.requestBody as string | undefined;
      // Bounded first, so redacting is quick; redacted before the last cut, so a secret cut short is still recognised.
      const body = text ? cut(redactBody(text.slice(0, 2 * BODY_KEPT), req.get('Content-Type'))) : null;
      const entry = {
        id: randomUUID(),
        at,
        method,
        path,
        query: redactQuery(queryOf(sent)),
        headers: redactHeaders(req.headers as JournaledRequest['headers']),
        body,
        status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      };
      const size = path.length + (body?.length ?? 0) + JSON.stringify(entry.headers).length + sent.search.length;
      this.entries.push({ ...entry, size });
      this.bytes += size;
      while (this.entries.length > JOURNAL_SIZE || this.bytes > JOURNAL_BYTES) this.bytes -= this.entries.shift()!.size;
    };
    res.on('finish', () => record(res.statusCode));
    res.on('close', () => record(res.writableFinished ? res.statusCode : null));
    next();
  };

  find({ method, path, status, limit }: JournalFilter): z.infer<typeof JournalPage> {
    const matches = this.entries.filter(
      (e) =>
        (!method || e.method === method) &&
        (!path || globMatches(path, e.path)) &&
        (!status ||
          ('code' in status
            ? e.status === status.code
            : e.status !== null && Math.floor(e.status / 100) === status.class)),
    );
    return {
      total: matches.length,
      requests: matches
        .slice(-limit)
        .reverse()
        .map(({ size: _size, body, ...entry }) => ({ ...entry, body: bodyOf(body) })),
    };
  }

  clear(): void {
    this.entries = [];
    this.bytes = 0;
  }
}

/** `?method=&path=&status=&limit=` → a filter, or the fields that are wrong. */
export function readJournalFilter(
  query: Record<string, unknown>,
): { ok: true; filter: JournalFilter } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const filter: JournalFilter = { limit: DEFAULT_LIMIT };
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== 'string') {
      fields[name] = 'Give this parameter once.';
      continue;
    }
    if (name === 'method') {
      if (/^[A-Za-z]+$/.test(value)) filter.method = value.toUpperCase();
      else fields.method = 'A method is a word like GET or PATCH.';
    } else if (name === 'path') {
      const glob = parseGlob(value);
      if (typeof glob === 'string') fields.path = glob;
      else filter.path = glob;
    } else if (name === 'status') {
      if (/^[1-5][0-9][0-9]$/.test(value)) filter.status = { code: Number(value) };
      else if (/^[1-5]xx$/i.test(value)) filter.status = { class: Number(value[0]) };
      else fields.status = 'A status code like 412, or a class like 4xx.';
    } else if (name === 'limit') {
      if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= JOURNAL_SIZE) filter.limit = Number(value);
      else fields.limit = `A whole number from 1 to ${JOURNAL_SIZE}.`;
    } else {
      fields[name] = 'Unknown query parameter; use method, path, status, limit.';
    }
  }
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, filter };
}
