/**
 * `/__admin`, after WireMock's: reset, export and import, the request journal, fault rules. Same host and origin
 * rules as every route, no role; never journaled or faulted. With `--no-admin` every `/__admin` path is a 404.
 */
import { once } from 'node:events';
import type { Express, RequestHandler, Response } from 'express';
import { issueFields, sendError, sendValidationError } from '../middlewares/errors';
import { parseJsonObject, readJsonBody, readRaw, utf8Text } from '../middlewares/json-body';
import { publicErrors, query } from '../openapi/replies';
import { mountGroup, type RouteGroup } from '../route-table';
import { ImportSummary, ResetSummary, type TesterControl } from './control';
import { DataFile, readDataSet } from './data-set';
import { FaultRule, FaultRuleInput, FaultRuleList, MAX_FAULT_RULES } from './fault-rules';
import { DEFAULT_LIMIT, JOURNAL_SIZE, JournalPage, readJournalFilter } from './request-journal';

/** An import's body may be this large; bigger is refused (413) without being kept. */
const IMPORT_LIMIT = 256 * 1024 * 1024;

async function send(res: Response, pieces: string[]) {
  res.type('json');
  for (const piece of pieces) if (!res.write(piece)) await once(res, 'drain');
  res.end();
}

/** The body read up to IMPORT_LIMIT (not the routes' 64 KiB), checked whole, then swapped in. */
function importData(control: TesterControl): RequestHandler {
  return (req, res, next) => {
    const type = (req.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') {
      req.resume();
      return sendError(res, 415, 'unsupported-media-type', 'Send the data as application/json.');
    }
    const tooLarge = () =>
      sendError(res, 413, 'too-large', `An import is at most ${IMPORT_LIMIT / 1024 / 1024} MiB; nothing was changed.`);
    if (Number(req.get('Content-Length') ?? 0) > IMPORT_LIMIT) {
      res.setHeader('Connection', 'close');
      req.resume();
      return tooLarge();
    }
    readRaw(req, IMPORT_LIMIT)
      .then((raw) => {
        if (raw.over) return tooLarge();
        const text = utf8Text(raw);
        const parsed = text.ok ? parseJsonObject(text.body) : text;
        if (!parsed.ok) return sendError(res, parsed.status, parsed.code, parsed.message, { fields: parsed.fields });
        const data = readDataSet(parsed.body);
        if (!data.ok) return sendValidationError(res, data.fields);
        return control.import(data.data).then((summary) => {
          res.json(summary);
        });
      })
      .catch(next);
  };
}

function addFault(control: TesterControl): RequestHandler {
  return (req, res, next) => {
    readJsonBody(req, ['application/json'])
      .then((parsed) => {
        if (!parsed.ok) return sendError(res, parsed.status, parsed.code, parsed.message, { fields: parsed.fields });
        // Methods are matched in capitals; `get` means GET.
        const body = parsed.body;
        if (typeof body.method === 'string') body.method = body.method.toUpperCase();
        const rule = FaultRuleInput.safeParse(body);
        if (!rule.success) return sendValidationError(res, issueFields(rule.error.issues));
        if (control.faults.full)
          return sendError(
            res,
            422,
            'too-many-rules',
            `There are ${MAX_FAULT_RULES} fault rules already, the most kept; remove one (DELETE /__admin/faults/{id}) first.`,
          );
        res.status(201).json(control.faults.add(rule.data));
      })
      .catch(next);
  };
}

const noContent = { 204: { description: 'Done.' } };
/** Does `act`, then answers 204. */
const done =
  (act: () => void): RequestHandler =>
  (_req, res) => {
    act();
    res.status(204).end();
  };

export const adminRoutes: RouteGroup<TesterControl> = {
  tag: 'Admin',
  auth: 'none',
  routes: [
    {
      method: 'post',
      path: '/__admin/reset',
      summary: 'Back to the state the server started from',
      description:
        'The seed, the fixtures or the database as loaded (never a later import), durably. Also empties the request journal and the fault rules.',
      responses: { 200: { description: 'Reset.', schema: ResetSummary }, ...publicErrors(503, 507) },
      handle: (control) => (_req, res, next) => {
        control.reset().then((answer) => res.json(answer), next);
      },
    },
    {
      method: 'get',
      path: '/__admin/export',
      summary: 'All the data, as hand-editable JSON',
      responses: {
        200: {
          description: 'Customers as GET /customers/{id} shows them, the audit log, other collections.',
          schema: DataFile,
        },
        ...publicErrors(),
      },
      handle: (control) => (_req, res, next) => {
        control.exportData().then((pieces) => send(res, pieces), next);
      },
    },
    {
      method: 'post',
      path: '/__admin/import',
      summary: 'Replace all the data',
      description: `Every customer is checked with the domain's rules; all or nothing. Up to ${IMPORT_LIMIT / 1024 / 1024} MiB. Resources get fresh ETags, audit entries fresh ids.`,
      body: { schema: DataFile },
      responses: {
        200: { description: 'Imported.', schema: ImportSummary },
        ...publicErrors(400, 413, 415, 422, 503, 507),
      },
      handle: importData,
    },
    {
      method: 'get',
      path: '/__admin/requests',
      summary: 'The request journal',
      description: `The last ${JOURNAL_SIZE} requests, newest first.`,
      parameters: [
        query('method', 'Only this method.'),
        query('path', 'Only paths matching this glob (`*` one segment, `**` any).'),
        query('status', 'Only this status (`412`) or class (`4xx`).'),
        query('limit', `At most this many (default ${DEFAULT_LIMIT}).`),
      ],
      responses: { 200: { description: 'The matches.', schema: JournalPage }, ...publicErrors(400) },
      handle: (control) => (req, res) => {
        const read = readJournalFilter(req.query);
        if (!read.ok) return sendValidationError(res, read.fields, 400);
        res.json(control.journal.find(read.filter));
      },
    },
    {
      method: 'delete',
      path: '/__admin/requests',
      summary: 'Empty the request journal',
      responses: { ...noContent, ...publicErrors() },
      handle: (control) => done(() => control.journal.clear()),
    },
    {
      method: 'post',
      path: '/__admin/faults',
      summary: 'Add a fault rule',
      description: 'The first matching rule applies, in the order added. Injected answers carry `X-Mock-Fault: <id>`.',
      body: { schema: FaultRuleInput },
      responses: { 201: { description: 'The rule.', schema: FaultRule }, ...publicErrors(400, 413, 415, 422) },
      handle: addFault,
    },
    {
      method: 'get',
      path: '/__admin/faults',
      summary: 'The fault rules',
      responses: { 200: { description: 'In the order they are tried.', schema: FaultRuleList }, ...publicErrors() },
      handle: (control) => (_req, res) => {
        res.json({ faults: control.faults.list() });
      },
    },
    {
      method: 'delete',
      path: '/__admin/faults',
      summary: 'Remove every fault rule',
      responses: { ...noContent, ...publicErrors() },
      handle: (control) => done(() => control.faults.clear()),
    },
    {
      method: 'get',
      path: '/__admin/faults/:id',
      summary: 'A fault rule',
      responses: { 200: { description: 'The rule.', schema: FaultRule }, ...publicErrors(404) },
      handle: (control) => (req, res) => {
        const rule = control.faults.list().find((r) => r.id === req.params.id);
        if (!rule) return sendError(res, 404, 'not-found', `There is no fault rule ${req.params.id}.`);
        res.json(rule);
      },
    },
    {
      method: 'delete',
      path: '/__admin/faults/:id',
      summary: 'Remove a fault rule',
      responses: { ...noContent, ...publicErrors(404) },
      handle: (control) => (req, res) => {
        if (!control.faults.remove(req.params.id))
          return sendError(res, 404, 'not-found', `There is no fault rule ${req.params.id}.`);
        res.status(204).end();
      },
    },
  ],
};

/** Every `/__admin` path the table lacks is a 404 naming those it has. */
const SERVED = [...new Set(adminRoutes.routes.filter((r) => !r.path.includes(':')).map((r) => r.path))];

function notFound(res: Response, path: string, off = false) {
  sendError(
    res,
    404,
    'not-found',
    off
      ? 'The admin API is off: this server was started with --no-admin.'
      : `There is no ${path} in the admin API; it has ${SERVED.slice(0, -1).join(', ')} and ${SERVED.at(-1)}.`,
  );
}

/** Adds `/__admin` (or, when not `enabled`, its 404s). */
export function mountAdmin(app: Express, control: TesterControl, enabled: boolean): void {
  if (enabled) mountGroup(app, adminRoutes, control);
  app.all(['/__admin', '/__admin/*'], (req, res) => notFound(res, `${req.method} ${req.path}`, !enabled));
}
