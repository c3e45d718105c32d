/**
 * A route declared once: what the contract document says of it (openapi/operation.ts), the right it needs, and the
 * middleware chain Express runs for it. Each area keeps its routes in one table; `mountGroup` registers a table with
 * Express and openapi/document.ts describes the same table (docs/architecture.md, "Routes, declared once").
 */
import type { Express, RequestHandler } from 'express';
import type { Action } from '@/domain/roles';
import type { Operation, OperationGroup } from './openapi/operation';

/** `Ctx`: what the area's handlers are made from (the store, the tester's control, the authority). */
export interface Route<Ctx> extends Operation {
  /** What the caller's role must be allowed (none: any known role, where the group checks roles at all). */
  right?: Action;
  /** The chain after the role check: the path's id (404), the body (415, 413, 400), then the answer. */
  handle(ctx: Ctx): RequestHandler | RequestHandler[];
}

export interface RouteGroup<Ctx> extends OperationGroup<Route<Ctx>> {
  /** The role check each route begins with, given its `right`. */
  guard?(right?: Action): RequestHandler;
}

export function mountGroup<Ctx>(app: Express, { routes, guard }: RouteGroup<Ctx>, ctx: Ctx): void {
  for (const route of routes)
    app[route.method](route.path, ...(guard ? [guard(route.right)] : []), ...[route.handle(ctx)].flat());
}
