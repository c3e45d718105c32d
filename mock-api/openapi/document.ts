/**
 * The contract document, OpenAPI 3.1, made from the route tables Express serves (route-table.ts), their schemas
 * turned into JSON Schema by zod 4 (`z.toJSONSchema`). Named schemas (components.ts) become `components.schemas` and
 * are referenced by `$ref`; request bodies are described as they are taken in (`io: 'input'`), answers as they are
 * sent.
 */
import { z } from 'zod';
import { ROLE_HEADER, ROLE_IDS } from '@/domain/roles';
// The package's version (the repository's, which the package carries): testers see which contract they hold.
import { version } from '@/package.json';
import { adminRoutes } from '../admin/routes';
import { authorityRoutes } from '../authority/routes';
import { collectionRoutes } from '../collections/routes';
import { deskRoutes } from '../desk';
import { healthRoutes } from '../health';
import { v1Routes } from '../v1';
import { components } from './components';
import { docsRoutes } from './docs-routes';
import { type Operation, type OperationGroup, PATH_PARAMETERS, type Reply, type Tag } from './operation';

type Json = Record<string, unknown>;

const COMPONENT_REF = '#/components/schemas/';
const TAGS: Record<Tag, string> = {
  Customers: `The desk's own routes. Send ${ROLE_HEADER}; writes need If-Match.`,
  'Other collections': "Collections a fixture file adds beside customers and auditLog, served by json-server's router.",
  Admin: 'Control for testers, after WireMock: reset, export and import, the request journal, fault rules.',
  'Partner Center (/v1)': "Partner Center's own REST shapes, on the same data. Send a bearer token from the authority.",
  'Sign-in authority': "Microsoft Entra ID's endpoints, issuing the tokens /v1 takes.",
  Tools: 'Health and this document.',
};

/** zod's JSON Schema with its `$defs` pointed at the document's components. */
function jsonSchema(schema: z.core.$ZodType, io: 'input' | 'output'): Json {
  const { $schema, $defs, ...rest } = z.toJSONSchema(schema, {
    metadata: components,
    io,
    unrepresentable: 'any',
  }) as Json;
  return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', `"${COMPONENT_REF}`)) as Json;
}

function componentSchemas(): Json {
  const { schemas } = z.toJSONSchema(components, { uri: (id) => `${COMPONENT_REF}${id}`, unrepresentable: 'any' });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema, $id, ...schema }]) => [id, schema])) as Json;
}

function reply({ description, schema, type, headers }: Reply): Json {
  return {
    description,
    ...(headers && {
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, text]) => [
          name.replace(/\?$/, ''),
          { description: text, required: !name.endsWith('?'), schema: { type: 'string' } },
        ]),
      ),
    }),
    ...(schema && { content: { 'application/json': { schema: jsonSchema(schema, 'output') } } }),
    ...(type && { content: { [type]: { schema: { type: 'string' } } } }),
  };
}

/** Every group, in the document's order; `/__admin` only where it is served. */
const groups = (admin: boolean): OperationGroup[] => [
  healthRoutes,
  docsRoutes,
  deskRoutes,
  collectionRoutes,
  ...(admin ? [adminRoutes] : []),
  v1Routes,
  authorityRoutes,
];

/** `/customers/:id` → `/customers/{id}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function operation(path: string, op: Operation, { tag, auth }: OperationGroup, collections: readonly string[]): Json {
  const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    description: PATH_PARAMETERS[name],
    schema: name === 'collection' && collections.length ? { type: 'string', enum: collections } : { type: 'string' },
  }));
  const parameters = [
    ...pathParameters,
    ...(op.parameters ?? []).map((p) => ({
      name: p.name,
      in: p.in,
      description: p.description,
      required: p.required ?? false,
      schema: p.schema ? jsonSchema(p.schema, 'input') : { type: 'string' },
    })),
  ];
  return {
    tags: [tag],
    summary: op.summary,
    ...(op.description && { description: op.description }),
    operationId: `${op.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    security: auth === 'role' ? [{ partnerRole: [] }] : auth === 'bearer' ? [{ bearer: [] }] : [],
    ...(parameters.length && { parameters }),
    ...(op.body && {
      requestBody: {
        required: true,
        ...(op.body.description && { description: op.body.description }),
        content: Object.fromEntries(
          (op.body.types ?? ['application/json']).map((type) => [
            type,
            { schema: jsonSchema(op.body!.schema, 'input') },
          ]),
        ),
      },
    }),
    responses: Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, reply(r)])),
  };
}

export interface DocumentOptions {
  /** Whether `/__admin` is served. */
  admin: boolean;
  /** The other collections served now (the `collection` path parameter's values). */
  collections: readonly string[];
  /** Where the API is reached, for `servers`. */
  origin: string;
}

/** Documents made, by their options: making one takes a tenth of a second or more. */
const made = new Map<string, Json>();

export function openApiDocument(options: DocumentOptions): Json {
  const key = JSON.stringify(options);
  let document = made.get(key);
  if (!document) {
    if (made.size >= 16) made.delete(made.keys().next().value!);
    document = makeDocument(options);
    made.set(key, document);
  }
  return document;
}

function makeDocument({ admin, collections, origin }: DocumentOptions): Json {
  const paths: Record<string, Json> = {};
  for (const group of groups(admin))
    for (const op of group.routes) {
      const path = openApiPath(op.path);
      paths[path] ??= {};
      paths[path][op.method] = operation(path, op, group, collections);
    }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Customer Desk mock API',
      version,
      description:
        "The mock Partner Center API of Customer Desk: the desk's routes, a local Partner Center (`/v1`) with its sign-in authority, json-server's router for other collections, and the tester's `/__admin`. Every error names its cause; writes need If-Match.",
    },
    servers: [{ url: origin }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        partnerRole: {
          type: 'apiKey',
          in: 'header',
          name: ROLE_HEADER,
          description: `The agent's role: ${ROLE_IDS.join(', ')}.`,
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token from the authority.',
        },
      },
    },
  };
}
