/**
 * The collections a fixture file adds beside customers and the audit log (`subscriptions`, `orders`, …), served by
 * json-server's own router with its whole query language: `?field=`, `_sort`/`_order`, `_page`/`_limit` (with
 * `X-Total-Count` and `Link`), `_start`/`_end`, `_gte`/`_lte`/`_ne`, `_like`, `q`, `_embed`/`_expand`, nested
 * `/orders/1/items`. Around it, the API's own rules: host, origin and fault rules as everywhere; any known role
 * reads, writing needs a role that may edit customers (401/403); an unknown id is 404 before the body is read; bodies
 * are JSON objects up to 64 KiB (415/413/400); and each write is on disk before its answer (collections-file.ts), or
 * refused 507/503 with nothing changed.
 *
 * `_like` is json-server's one danger: it builds a RegExp from the text, so `(a+)+$` could stall the server. Here
 * the text is escaped first, so `_like` matches it literally, as a substring, case ignored.
 */
import type { Request, RequestHandler, Response } from 'express';
import jsonServer from 'json-server';
import { RESOURCE_KINDS, RESOURCES } from '@/domain/resources';
import { can, ROLE_NAMES, type RoleId } from '@/domain/roles';
import type { Collections } from '../admin/data-set';
import { sendError } from '../middlewares/errors';
import { readJsonBody } from '../middlewares/json-body';
import { requireRight } from '../middlewares/roles';
import { StorageError } from '../store';
import type { CollectionsFile } from './collections-file';

const READS = ['GET', 'HEAD'];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** json-server's `_like` values as literal text. */
function literalLikes(req: Request): void {
  for (const [key, value] of Object.entries(req.query)) {
    if (!key.endsWith('_like')) continue;
    if (typeof value === 'string') req.query[key] = escapeRegExp(value);
    else if (Array.isArray(value)) req.query[key] = value.map((v) => (typeof v === 'string' ? escapeRegExp(v) : ''));
    else delete req.query[key];
  }
}

/** What is used of json-server's router and the lowdb it keeps the collections in. */
interface Router extends RequestHandler {
  db: { getState(): Collections; setState(state: Collections): unknown; write(): unknown };
  render(req: Request, res: Response): void;
}

const mayEdit = (role: RoleId) => RESOURCE_KINDS.some((kind) => can(role, RESOURCES[kind].right));

export class CollectionsRoute {
  private router!: Router;
  /** The collections as last written to disk, to go back to when a write is refused. */
  private saved = '';
  private refused: unknown = null;

  constructor(
    private readonly file: CollectionsFile,
    collections: Collections,
  ) {
    this.prepare(collections)();
  }

  /** The collections as they are now. */
  get collections(): Collections {
    return this.router.db.getState();
  }

  /**
   * Makes the router for `collections` (which may fail) without serving it; the function returned serves it from
   * then on (once a reset or an import has put them on disk) and cannot fail.
   */
  prepare(collections: Collections): () => void {
    const router = jsonServer.router(structuredClone(collections)) as unknown as Router;
    // json-server calls db.write() after each change, before it answers: the moment to make the change durable.
    router.db.write = () => this.save();
    router.render = (req, res) => this.render(req, res);
    const saved = JSON.stringify(collections);
    return () => {
      this.router = router;
      this.saved = saved;
    };
  }

  private save(): Collections {
    const state = this.router.db.getState();
    try {
      this.file.write(state);
      this.saved = JSON.stringify(state);
    } catch (error) {
      this.refused = error;
    }
    return state;
  }

  private render(req: Request, res: Response): void {
    const refused = this.refused;
    if (refused) {
      this.refused = null;
      this.router.db.setState(JSON.parse(this.saved));
      if (refused instanceof StorageError) sendError(res, refused.status, refused.code, refused.message);
      else sendError(res, 500, 'internal', `The mock API failed: ${(refused as Error).message}`);
    } else if (res.statusCode === 404) {
      sendError(res, 404, 'not-found', `There is no ${req.method} ${req.originalUrl.split('?')[0]} here.`);
    } else {
      res.json(res.locals.data);
    }
  }

  readonly handler: RequestHandler = (req, res, next) => {
    const [name, id] = req.path.split('/').slice(1);
    if (!Object.hasOwn(this.collections, name)) return next();
    requireRight()(req, res, () => {
      const role = res.locals.role as RoleId;
      if (!READS.includes(req.method) && !mayEdit(role))
        return sendError(
          res,
          403,
          'forbidden',
          `The ${ROLE_NAMES[role]} role cannot change ${name}: that takes a role that may edit customers.`,
        );
      if (['PUT', 'PATCH', 'DELETE'].includes(req.method) && id !== undefined && req.path.split('/').length === 3) {
        const items = this.collections[name];
        if (!items.some((item) => String(item.id) === id))
          return sendError(res, 404, 'not-found', `There is no item ${id} in ${name}.`);
      }
      literalLikes(req);
      if (!['POST', 'PUT', 'PATCH'].includes(req.method)) return this.router(req, res, next);
      readJsonBody(req, ['application/json']).then((result) => {
        if (!result.ok) return sendError(res, result.status, result.code, result.message, { fields: result.fields });
        // json-server's own body parser sees a body already read and leaves it.
        Object.assign(req, { body: result.body, _body: true });
        this.router(req, res, next);
      }, next);
    });
  };
}
