import { useModule } from '@/hooks/use-module';
import { useSettings } from '@/hooks/use-settings';
import { RoleSelect } from './RoleSelect';

const loadPartnerCenterAccount = () => import('./PartnerCenterAccount');

/** Who the agent is in the header: the role chosen for the mock API, or the account signed in to Partner Center. */
export function HeaderAccount() {
  const partnerCenter = useSettings()?.connection === 'partnerCenter';
  // Loaded only for Partner Center: the popup's first script stays the mock's.
  const Account = useModule(loadPartnerCenterAccount, partnerCenter)?.PartnerCenterAccount;
  if (!partnerCenter) return <RoleSelect />;
  return Account ? <Account /> : null;
}
