/**
 * The mock Partner Center API: json-server's router serves the data; the middlewares in
 * `middlewares/` add what a trustworthy test double needs (roles, search, errors, …).
 */
import jsonServer from 'json-server';
import type { Data } from './database';
import { requireRight } from './middlewares/roles';
import { searchCustomers } from './middlewares/search';

export function createApp(data: Data) {
  const app = jsonServer.create();
  const router = jsonServer.router(data as unknown as object);
  app.use(jsonServer.defaults({ logger: false, noCors: false }));
  app.use((_req, res, next) => {
    res.setHeader('Access-Control-Expose-Headers', 'X-Total-Count, Link, ETag');
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', customers: data.customers.length });
  });
  app.get('/customers', requireRight('viewCustomers'), searchCustomers(() => data.customers));
  app.get('/customers/:id', requireRight('viewCustomers'));
  app.use(router);
  return app;
}
