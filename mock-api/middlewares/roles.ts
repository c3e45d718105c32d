import type { RequestHandler } from 'express';
import { type Action, can, denialReason, isRoleId, ROLE_HEADER, ROLE_IDS } from '@/domain/roles';
import { sendError } from './errors';

/**
 * 401 without a known role; with `action`, 403 and the shared reason when the role may not do it.
 * The role is kept in `res.locals.role` for the audit log.
 */
export function requireRight(action?: Action): RequestHandler {
  return (req, res, next) => {
    const role = req.get(ROLE_HEADER);
    if (!isRoleId(role)) {
      return sendError(
        res,
        401,
        'unknown-role',
        `Send the agent's role in the ${ROLE_HEADER} header, one of: ${ROLE_IDS.join(', ')}. In Customer Desk, choose it in the Role box.`,
      );
    }
    if (action && !can(role, action)) return sendError(res, 403, 'forbidden', denialReason(role, action));
    res.locals.role = role;
    next();
  };
}
