/**
 * What the contract document says of a route, written in the route's own declaration (route-table.ts and each
 * area's routes): method, path, parameters, body, and which schema answers which status. The schemas are the code's
 * own (components.ts names them); document.ts turns these into OpenAPI 3.1 (docs/architecture.md, "The contract
 * document").
 */
import type { z } from 'zod/mini';

type Schema = z.core.$ZodType;

export interface Reply {
  description: string;
  /** The JSON body's schema. */
  schema?: Schema;
  /** A body that is not JSON: its media type. */
  type?: 'text/html' | 'text/css' | 'text/javascript';
  /** Headers the answer carries: name → what it holds; a name ending in `?` is sent only sometimes. */
  headers?: Record<string, string>;
}

export interface Parameter {
  name: string;
  in: 'query' | 'header';
  description: string;
  required?: boolean;
  schema?: Schema;
}

export type Tag = 'Customers' | 'Other collections' | 'Admin' | 'Partner Center (/v1)' | 'Sign-in authority' | 'Tools';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Operation {
  method: Method;
  /** Express's form, `:name` for a path parameter (described by PATH_PARAMETERS). */
  path: string;
  summary: string;
  description?: string;
  parameters?: Parameter[];
  body?: { schema: Schema; types?: string[]; description?: string };
  responses: Record<number, Reply>;
}

/** Operations under one tag, called one way: the role header, a bearer token, or anyone (host and origin rules still apply). */
export interface OperationGroup<O extends Operation = Operation> {
  tag: Tag;
  auth: 'role' | 'bearer' | 'none';
  routes: readonly O[];
}

export const PATH_PARAMETERS: Record<string, string> = {
  id: 'The id (a customer: its tenant id).',
  tenant: 'Any tenant segment: `common`, `organizations`, the partner tenant id, a domain.',
  collection: "A collection of the fixture file's beside customers and auditLog.",
  nested: 'Another collection: its items whose `<collection singular>Id` is `id`.',
  file: "A file of Swagger UI's.",
};
