/**
 * `/__admin`, after WireMock's: reset, export and import, the request journal, fault rules. Same host and origin
 * rules as every route, no role; never journaled or faulted. With `--no-admin` every `/__admin` path is a 404.
 */
import { once } from 'node:events';
import type { Express, Response } from 'express';
import { issueFields, sendError, sendValidationError } from '../middlewares/errors';
import { parseJsonObject, readJsonBody, readRaw } from '../middlewares/json-body';
import type { TesterControl } from './control';
import { readDataSet } from './data-set';
import { FaultRuleInput } from './fault-rules';
import { readJournalFilter } from './request-journal';

/** An import's body may be this large; bigger is refused (413) without being kept. */
export const IMPORT_LIMIT = 256 * 1024 * 1024;

function notFound(res: Response, path: string, off = false) {
  sendError(
    res,
    404,
    'not-found',
    off
      ? 'The admin API is off: this server was started with --no-admin.'
      : `There is no ${path} in the admin API; it has /__admin/reset, /__admin/export, /__admin/import, /__admin/requests and /__admin/faults.`,
  );
}

async function send(res: Response, pieces: string[]) {
  res.type('json');
  for (const piece of pieces) if (!res.write(piece)) await once(res, 'drain');
  res.end();
}

export function adminRoutes(app: Express, control: TesterControl, enabled: boolean): void {
  if (!enabled) {
    app.all(['/__admin', '/__admin/*'], (req, res) => notFound(res, req.path, true));
    return;
  }

  app.post('/__admin/reset', (_req, res, next) => {
    control.reset().then((answer) => res.json(answer), next);
  });

  app.get('/__admin/export', (_req, res, next) => {
    control.exportData().then((pieces) => send(res, pieces), next);
  });

  app.post('/__admin/import', (req, res, next) => {
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
      .then(({ text, over }) => {
        if (over) return tooLarge();
        const parsed = parseJsonObject(text);
        if (!parsed.ok) return sendError(res, parsed.status, parsed.code, parsed.message, { fields: parsed.fields });
        const data = readDataSet(parsed.body);
        if (!data.ok) return sendValidationError(res, data.fields);
        return control.import(data.data).then((summary) => {
          res.json(summary);
        });
      })
      .catch(next);
  });

  app.get('/__admin/requests', (req, res) => {
    const read = readJournalFilter(req.query);
    if (!read.ok) return sendValidationError(res, read.fields, 400);
    res.json(control.journal.find(read.filter));
  });
  app.delete('/__admin/requests', (_req, res) => {
    control.journal.clear();
    res.status(204).end();
  });

  app.post('/__admin/faults', (req, res, next) => {
    readJsonBody(req, ['application/json'])
      .then((parsed) => {
        if (!parsed.ok) return sendError(res, parsed.status, parsed.code, parsed.message, { fields: parsed.fields });
        // Methods are matched in capitals; `get` means GET.
        const body = parsed.body;
        if (typeof body.method === 'string') body.method = body.method.toUpperCase();
        const rule = FaultRuleInput.safeParse(body);
        if (!rule.success) return sendValidationError(res, issueFields(rule.error.issues));
        res.status(201).json(control.faults.add(rule.data));
      })
      .catch(next);
  });
  app.get('/__admin/faults', (_req, res) => {
    res.json({ faults: control.faults.list() });
  });
  app.delete('/__admin/faults', (_req, res) => {
    control.faults.clear();
    res.status(204).end();
  });
  app.get('/__admin/faults/:id', (req, res) => {
    const rule = control.faults.list().find((r) => r.id === req.params.id);
    if (!rule) return sendError(res, 404, 'not-found', `There is no fault rule ${req.params.id}.`);
    res.json(rule);
  });
  app.delete('/__admin/faults/:id', (req, res) => {
    if (!control.faults.remove(req.params.id))
      return sendError(res, 404, 'not-found', `There is no fault rule ${req.params.id}.`);
    res.status(204).end();
  });

  app.all(['/__admin', '/__admin/*'], (req, res) => notFound(res, `${req.method} ${req.path}`));
}
