/**
 * The shape of every `/v1` route after sign-in and role checks: find the customer or policy (404), read the body
 * (415, 413, 400), then one synchronous answer that returns or throws a `PcError`. The answer runs in one turn of
 * the event loop, so an `MS-RequestId` retry can never slip between a write and its being remembered.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { JsonObject } from '@/domain/merge-patch';
import type { Action } from '@/domain/roles';
import { readJsonBody } from '../middlewares/json-body';
import type { Operation } from '../openapi/operation';
import type { Actor } from '../resource-writes';
import type { Database } from '../store';
import type { Continuations } from './continuation';
import { PcError, sendPcError } from './errors';
import { readQuery } from './query';
import { type Answer, RequestIds } from './request-ids';

export interface V1Request {
  req: Request;
  actor: Actor;
  /** The partner's tenant id (the token's `tid`). */
  tid: string;
  /** The JSON body, for routes that take one. */
  body: JsonObject;
  /** The record number of the customer or policy `find` found. */
  index: number;
  /**
   * The query parameters the route declares, by name; any other is a 400 (query.ts). A route that declares none
   * ignores the query.
   */
  query: Record<string, string>;
}

/** What the `/v1` answers are made from: the store, and the request ids and continuations they remember. */
export interface V1Context {
  db: Database;
  requestIds: RequestIds;
  continuations: Continuations;
}

/** A `/v1` route as its file declares it; index.ts mounts it (docs/architecture.md, "The Partner Center surface"). */
export interface V1Route extends Operation {
  right: Action;
  /**
   * The operation's page says it "supports authentication with both standalone App and App+User credentials" (or
   * "app-only"): an application's own token may call it. Without this, only a signed-in user's (App+User).
   */
  appCredentials?: true;
  /** Finds the path's `:id` before the body is read: the customer (`customer`) or the self-serve policy. */
  find?(db: Database): RequestHandler;
  /** The path's other methods fall to /v1's 404 rather than a 405 (after the checks of the path's GET). */
  otherMethods?: 'not-found';
  /** The answer; the JSON body is read before it when the route declares one (`body`). */
  answer(request: V1Request, ctx: V1Context): Answer;
}

const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** The `MS-RequestId` key of a write (see request-ids.ts); undefined for a read or a write without one. */
function requestKey(req: Request, actor: Actor): string | undefined {
  const requestId = req.get('MS-RequestId');
  return requestId && WRITES.includes(req.method)
    ? RequestIds.key(actor.upn ?? '', req.method, req.originalUrl, requestId)
    : undefined;
}

function send(res: Response, answer: Answer): void {
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.status(answer.status);
  if (answer.body === undefined) res.end();
  else res.json(answer.body);
}

/**
 * A retried write answered at once, before any check: a repeated DELETE must replay its 204, not find the policy
 * gone. (`handle` looks again, for a retry that arrived while the first was still reading its body.)
 */
export function replay(requestIds: RequestIds): RequestHandler {
  return (req, res, next) => {
    const key = requestKey(req, res.locals.actor as Actor);
    const answer = key ? requestIds.get(key) : undefined;
    if (!answer) return next();
    req.resume();
    send(res, answer);
  };
}

/** 404 (Partner Center's "Tenant not found") for an unknown `:id`; else its record number goes to `res.locals.index`. */
export function customer(db: Database): RequestHandler {
  return (req, res, next) => {
    const index = db.indexOf(String(req.params.id));
    if (index === undefined)
      return sendPcError(res, new PcError('tenantNotFound', `There is no customer with tenant id ${req.params.id}.`));
    res.locals.index = index;
    next();
  };
}

/** 405 with `Allow`, for the methods a path does not have (after sign-in, role and 404, as the order says). */
export function methodNotAllowed(allow: string): RequestHandler {
  return (req, res) =>
    sendPcError(
      res,
      new PcError('methodNotAllowed', `${req.method} is not an operation of this resource; it allows ${allow}.`, [], {
        Allow: allow,
      }),
    );
}

export function handle(route: V1Route, ctx: V1Context): RequestHandler {
  const { requestIds } = ctx;
  const queryNames = (route.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  return (req, res, next) => {
    const read = route.body
      ? readJsonBody(req, route.body.types ?? ['application/json'])
      : Promise.resolve({ ok: true as const, body: {} });
    read.then((result) => {
      try {
        if (!result.ok) {
          const kind =
            result.status === 415 ? 'unsupportedMediaType' : result.status === 413 ? 'tooLarge' : 'invalidInput';
          throw new PcError(kind, result.message);
        }
        const actor = res.locals.actor as Actor;
        const key = requestKey(req, actor);
        const replayed = key ? requestIds.get(key) : undefined;
        const answer =
          replayed ??
          route.answer(
            {
              req,
              actor,
              tid: res.locals.tid as string,
              body: result.body,
              index: res.locals.index as number,
              query: queryNames.length ? readQuery(req, queryNames) : {},
            },
            ctx,
          );
        if (key && !replayed) requestIds.remember(key, answer);
        send(res, answer);
      } catch (error) {
        if (error instanceof PcError) sendPcError(res, error);
        else next(error);
      }
    }, next);
  };
}
