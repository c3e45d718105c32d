/** `GET /health`: whether the API runs, how many customers it holds, how the last write to disk went. Never faulted. */
import { z } from 'zod/mini';
import { publicErrors } from './openapi/replies';
import type { RouteGroup } from './route-table';
import type { Database } from './store';

export const Health = z.strictObject({
  status: z.literal('ok'),
  customers: z.int(),
  storage: z.enum(['ok', 'full', 'error']),
});

export const healthRoutes: RouteGroup<Database> = {
  tag: 'Tools',
  auth: 'none',
  routes: [
    {
      method: 'get',
      path: '/health',
      summary: 'Is the API up?',
      description: 'No role needed; never faulted.',
      responses: { 200: { description: 'Up.', schema: Health }, ...publicErrors() },
      handle: (db) => (_req, res) => {
        res.json({ status: 'ok', customers: db.count, storage: db.storage } satisfies z.infer<typeof Health>);
      },
    },
  ],
};
