/** The authority's test users: one per role, each signed in with a button on the sign-in page or by `login_hint`. */
import { ROLE_IDS, ROLE_NAMES, type RoleId } from '@/domain/roles';

export interface TestUser {
  upn: string;
  name: string;
  role: RoleId;
  /** A stable object id, as Entra ID gives every user. */
  oid: string;
}

/** `global-admin` → `globaladmin@partner.test`. */
export const TEST_USERS: readonly TestUser[] = ROLE_IDS.map((role, n) => ({
  upn: `${role.replace('-', '')}@partner.test`,
  name: `${ROLE_NAMES[role]} (test user)`,
  role,
  oid: `00000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`,
}));

export function testUser(upn: string | undefined): TestUser | undefined {
  const wanted = upn?.trim().toLowerCase();
  return TEST_USERS.find((user) => user.upn === wanted);
}
