/**
 * Chrome's `managed_schema` for the settings an organisation sets (managed-keys.ts). Every value is declared a
 * string: Chrome silently drops a value its schema refuses, so what a valid value is is checked by the extension
 * (effective.ts), which can say what it ignored. Read by wxt.config.ts when it writes the manifest: no `@/` imports.
 */
import type { ManagedKey } from './managed-keys';

/** What each setting means, as chrome://policy shows it to IT. */
const DESCRIPTIONS: Record<ManagedKey, string> = {
  connection: 'Which backend Customer Desk calls: "mock" (the Customer Desk mock API) or "partnerCenter".',
  apiAddress:
    'The API address, e.g. "https://api.partnercenter.microsoft.com"; https, or http on this computer only, for Partner Center.',
  signInAddress:
    'The sign-in address with one tenant, e.g. "https://login.microsoftonline.com/organizations" or the partner\'s tenant.',
  applicationId: "The Application (client) ID of the partner's app registration in Microsoft Entra ID.",
  defaultRole:
    'The role for the mock connection: global-admin, admin-agent, sales-agent, helpdesk-agent or billing-admin.',
  language: 'The UI language: "auto" (the browser\'s), "en" or "ru".',
};

/** The file the Chrome manifest's `storage.managed_schema` names. */
export const MANAGED_SCHEMA_FILE = 'managed-schema.json';

/** Chrome's managed storage schema (a subset of JSON Schema: type, properties, title, description). */
export function managedSchema() {
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(DESCRIPTIONS).map(([key, description]) => [key, { title: key, description, type: 'string' }]),
    ),
  };
}
