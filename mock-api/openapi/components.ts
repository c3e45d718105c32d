/**
 * The named schemas of the contract document (`components.schemas`): the domain's zod schemas and the few shapes
 * only the mock API answers, each the very schema the code validates or answers with. zod 4 turns them into JSON
 * Schema (document.ts); nothing here is a copy.
 */
import { z } from 'zod';
import * as pc from '@/domain/partner-center';
import * as desk from '@/domain/schemas';
import { ImportSummary, ResetSummary } from '../admin/control';
import { DataFile } from '../admin/data-set';
import { FaultRule, FaultRuleInput, FaultRuleList } from '../admin/fault-rules';
import { JournaledRequest, JournalPage } from '../admin/request-journal';
import { Jwks, OAuthErrorBody, OpenIdConfiguration, TokenResponse } from '../authority/shapes';
import { Health } from '../health';

export const components = z.registry<{ id: string; description?: string }>();

const named: Record<string, [z.core.$ZodType, string]> = {
  Customer: [desk.Customer, 'A customer, whole: each of its writable resources carries its own etag.'],
  BillingProfile: [desk.BillingProfile, "The customer's billing profile: contact, culture and language, address."],
  CompanyProfile: [desk.CompanyProfile, "The customer's company details."],
  PurchasePermission: [
    desk.PurchasePermission,
    'Whether the customer may buy Azure reservations and savings plans themselves.',
  ],
  Address: [desk.Address, 'A billing address; its rules depend on the country (postal code, state, phone).'],
  AuditEntry: [desk.AuditEntry, 'One write: who (role, and user for /v1 writes), when, which fields before and after.'],
  ApiErrorBody: [desk.ApiErrorBody, 'Every error of the desk routes and /__admin.'],
  AddressValidation: [desk.AddressValidation, 'A valid address, as the API would store it.'],
  Health: [Health, 'Whether the API runs, how many customers it holds, and how the last write to disk went.'],
  ResetSummary: [ResetSummary, 'How many customers the reset state holds.'],
  ImportSummary: [ImportSummary, 'What was imported.'],
  DataFile: [DataFile, 'All the data, as hand-editable JSON: customers, the audit log and any other collection.'],
  FaultRuleInput: [FaultRuleInput, 'A fault rule to add.'],
  FaultRule: [FaultRule, 'A fault rule in force; `times` is how many are left.'],
  FaultRuleList: [FaultRuleList, 'The fault rules, in the order they are tried.'],
  JournaledRequest: [JournaledRequest, 'A request the API answered, as it was sent.'],
  JournalPage: [JournalPage, 'The requests that match, newest first.'],
  PcErrorBody: [pc.PcErrorBody, "Partner Center's error body."],
  PcCustomerSummary: [pc.CustomerSummary, "A customer as Partner Center's customer list shows it."],
  PcCustomer: [pc.PcCustomer, "A customer in Partner Center's shape."],
  PcBillingProfile: [pc.CustomerBillingProfile, "Partner Center's CustomerBillingProfile."],
  PcCompanyProfile: [pc.CustomerCompanyProfile, "Partner Center's CustomerCompanyProfile."],
  SelfServePolicy: [pc.SelfServePolicy, 'The purchase permission as a SelfServePolicy.'],
  AuditRecord: [pc.AuditRecord, "An audit record in Partner Center's shape."],
  OpenIdConfiguration: [OpenIdConfiguration, 'OpenID Connect discovery.'],
  Jwks: [Jwks, 'The public key that signs access tokens.'],
  TokenResponse: [TokenResponse, 'Tokens, from a code or a refresh token.'],
  OAuthErrorBody: [OAuthErrorBody, 'An OAuth error (RFC 6749 §5.2).'],
};
for (const [id, [schema, description]] of Object.entries(named)) components.add(schema, { id, description });
