/**
 * The desk's own routes, the extension's mock connection: search, the whole customer, each writable resource, its
 * audit log, the address check. Each begins with the role in X-Partner-Role (401, 403); which error wins after that
 * is the order of each route's chain (docs/architecture.md, "An edit, end to end").
 */

import { requireRight } from '../middlewares/roles';
import type { RouteGroup } from '../route-table';
import type { Database } from '../store';
import { addressRoute } from './address';
import { auditLogRoute } from './audit-log';
import { customerRoutes } from './customers';
import { resourceRoutes } from './resources';

export const deskRoutes: RouteGroup<Database> = {
  tag: 'Customers',
  auth: 'role',
  guard: requireRight,
  routes: [...customerRoutes, ...resourceRoutes, auditLogRoute, addressRoute],
};
