import { expect, test } from 'vitest';
import { can, denialReason, isRoleId } from '@/domain/roles';

test('the role matrix: who may change what', () => {
  expect(can('admin-agent', 'editPurchasePermission')).toBe(true);
  expect(can('sales-agent', 'editPurchasePermission')).toBe(false);
  expect(can('sales-agent', 'editBillingProfile')).toBe(true);
  expect(can('helpdesk-agent', 'editBillingProfile')).toBe(false);
  expect(can('helpdesk-agent', 'viewCustomers')).toBe(true);
  expect(can('billing-admin', 'viewCustomers')).toBe(false);
});

test('role ids are checked and denials explained', () => {
  expect(isRoleId('global-admin')).toBe(true);
  expect(isRoleId('root')).toBe(false);
  expect(denialReason('helpdesk-agent', 'editBillingProfile')).toBe(
    'The Helpdesk agent role cannot edit the billing profile.',
  );
});
