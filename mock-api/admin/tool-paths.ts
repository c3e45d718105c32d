/**
 * The paths of the tester's tools and of `/health`, which the journal and faults leave alone. Compared in any
 * letter case, because Express routes them in any letter case: `/__ADMIN/import` is the import.
 */

/** `/__admin` and every path under it. */
export const isAdminPath = (path: string) => /^\/__admin(\/|$)/i.test(path);

/** `/__admin…`, `/docs…`, `/openapi.json`: never journaled, never faulted. */
export function isToolPath(path: string): boolean {
  return isAdminPath(path) || /^\/docs(\/|$)/i.test(path) || path.toLowerCase() === '/openapi.json';
}

/** `/health`: never faulted, so a prober sees the truth. */
export const isHealthPath = (path: string) => path.toLowerCase() === '/health';
