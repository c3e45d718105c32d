/**
 * The settings the extension runs with: the organisation's (storage.managed) where it set a valid value, the agent's
 * own everywhere else; and what of the organisation's was ignored, and why — said as the options page says what a
 * valid value is (docs/architecture.md, "Settings an organisation sets"). Pure: the browser side is settings.ts.
 */
import { LANGUAGES } from '@/domain/languages';
import { isRoleId, ROLE_IDS, type RoleId } from '@/domain/roles';
import type { MessageKey } from '@/locales/en';
import { CONNECTIONS, type Connection, PARTNER_CENTER_DEFAULTS, type PartnerCenterSettings } from '../storage';
import { parseApiAddress } from './api-address';
import { isManagedKey, type ManagedKey } from './managed-keys';
import { parseSignInAddress, secureAddress } from './partner-center-settings';

/** The agent's own settings, as kept in local storage (services/storage.ts). */
export interface OwnSettings {
  connection: Connection;
  /** The mock API's address. */
  apiBase: string;
  partnerCenter: PartnerCenterSettings;
  role: RoleId;
  /** `auto` or a language code. */
  language: string;
}

/** An organisation's value the extension does not use: the key and value as set, and why (a catalogue sentence). */
export interface ManagedNotice {
  key: string;
  value: string;
  reason: MessageKey;
  params?: Record<string, string>;
}

export interface Settings extends OwnSettings {
  /** The organisation's keys in force: the options page shows each read-only, "Set by your organisation". */
  managed: ReadonlySet<ManagedKey>;
  notices: ManagedNotice[];
}

const LANGUAGE_CHOICES = ['auto', ...LANGUAGES.map((l) => l.code)];
/** How much of a value a notice quotes. */
const SHOWN_LENGTH = 80;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
}

const oneOf = (choices: readonly string[], value: string) => (choices.includes(value) ? value : null);

export function effectiveSettings(managed: Record<string, unknown>, own: OwnSettings): Settings {
  const inForce = new Set<ManagedKey>();
  const notices: ManagedNotice[] = [];
  for (const key of Object.keys(managed))
    if (!isManagedKey(key)) notices.push({ key, value: shown(managed[key]), reason: 'managed.unknownKey' });

  /** The organisation's value for `key` as `parse` reads it; undefined when unset, or invalid (then noticed). */
  function take<T>(
    key: ManagedKey,
    parse: (text: string) => T | null,
    reason: MessageKey,
    params?: Record<string, string>,
  ): T | undefined {
    if (!Object.hasOwn(managed, key)) return undefined;
    const raw = managed[key];
    const value = typeof raw === 'string' ? parse(raw.trim()) : null;
    if (value === null) {
      notices.push({ key, value: shown(raw), reason, ...(params && { params }) });
      return undefined;
    }
    inForce.add(key);
    return value;
  }

  const choices = (list: readonly string[]) => ({ choices: list.join(', ') });
  const connection =
    take('connection', (v) => oneOf(CONNECTIONS, v) as Connection | null, 'managed.oneOf', choices(CONNECTIONS)) ??
    own.connection;
  // One API address for both connections, checked by the rule of the connection in use: Partner Center's carries tokens.
  const address = take(
    'apiAddress',
    (v) => {
      const mock = parseApiAddress(v);
      const pc = secureAddress(v);
      return (connection === 'partnerCenter' ? pc : mock) && { mock: mock!.origin, pc: pc?.origin };
    },
    connection === 'partnerCenter' ? 'pc.addressInvalid' : 'apiAddressInvalid',
  );
  const signInAddress = take('signInAddress', parseSignInAddress, 'pc.signInAddressInvalid', {
    example: PARTNER_CENTER_DEFAULTS.signInAddress,
  });
  const clientId = take('applicationId', (v) => v || null, 'pc.applicationIdRequired');
  const role = take('defaultRole', (v) => (isRoleId(v) ? v : null), 'managed.oneOf', choices(ROLE_IDS));
  const language = take('language', (v) => oneOf(LANGUAGE_CHOICES, v), 'managed.oneOf', choices(LANGUAGE_CHOICES));

  return {
    connection,
    apiBase: address?.mock ?? own.apiBase,
    partnerCenter: {
      apiBase: address?.pc ?? own.partnerCenter.apiBase,
      signInAddress: signInAddress ?? own.partnerCenter.signInAddress,
      clientId: clientId ?? own.partnerCenter.clientId,
    },
    role: role ?? own.role,
    language: language ?? own.language,
    managed: inForce,
    notices,
  };
}
