/** `GET /health`: whether the API runs, how many customers it holds, how the last write to disk went. Never faulted. */
import type { Express } from 'express';
import { z } from 'zod/mini';
import type { Database } from './database';

export const Health = z.strictObject({
  status: z.literal('ok'),
  customers: z.int(),
  storage: z.enum(['ok', 'full', 'error']),
});

export function healthRoute(app: Express, db: Database): void {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', customers: db.count, storage: db.storage } satisfies z.infer<typeof Health>);
  });
}
