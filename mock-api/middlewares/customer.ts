import type { RequestHandler } from 'express';
import type { Database } from '../store';
import { sendError } from './errors';

/** 404 for an unknown customer id; otherwise the record number goes to `res.locals.index`. */
export function findCustomer(db: Database): RequestHandler {
  return (req, res, next) => {
    const index = db.indexOf(String(req.params.id));
    if (index === undefined) return sendError(res, 404, 'not-found', `There is no customer with id ${req.params.id}.`);
    res.locals.index = index;
    next();
  };
}
