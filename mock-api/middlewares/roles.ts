import type { RequestHandler } from 'express';
import { ROLE_HEADER, ROLE_IDS, can, denialReason, isRoleId, type Action } from '@/domain/roles';
import { sendError } from './errors';

/** 401 without a known role; 403 with the shared reason when the role may not do `action`. */
export function requireRight(action: Action): RequestHandler {
  return (req, res, next) => {
    const role = req.get(ROLE_HEADER);
    if (!isRoleId(role)) {
      return sendError(res, 401, 'unknown-role', `Send the agent's role in the ${ROLE_HEADER} header, one of: ${ROLE_IDS.join(', ')}. In Customer Desk, choose it in the Role box.`);
    }
    if (!can(role, action)) return sendError(res, 403, 'forbidden', denialReason(role, action));
    res.locals.role = role;
    next();
  };
}
