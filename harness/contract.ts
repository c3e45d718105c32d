/**
 * Every answer an API test receives is checked against the contract document the server itself serves
 * (`GET /openapi.json`): the route and method must be in it, the status documented for them, the JSON body valid
 * against its schema (ajv, JSON Schema 2020-12, with ajv-formats), the media type as documented, and the headers it
 * says are always sent present. So a route or a field that drifts from the document fails whichever test saw it.
 * Answers injected by a fault rule or --fail-rate (`X-Mock-Fault`) are the tester's, not the API's, and CORS
 * preflights are the browser's: neither is checked.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;

/** Where components live in ajv: refs `#/components/schemas/X` become this + X. */
const BASE = 'https://customer-desk.contract/components/';
const absolute = (schema: unknown) =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${BASE}`)) as Json;

interface Route {
  segments: string[];
  literals: number;
  item: Json;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

class Contract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: Json) {
    addFormats(this.ajv);
    for (const [id, schema] of Object.entries(document.components.schemas as Json))
      this.ajv.addSchema(absolute(schema), `${BASE}${id}`);
    this.routes = Object.entries(document.paths as Json).map(([path, item]) => {
      const segments = path.split('/').slice(1);
      return { segments, literals: segments.filter((s) => !s.startsWith('{')).length, item };
    });
  }

  /**
   * The path item of a request path: of those that match, the one with the most literal segments (as OpenAPI says).
   * Under a first segment the document names (`/v1`, `/customers`), only its own paths: `/v1/invoices` is no
   * collection's item.
   */
  private itemOf(path: string): Json | undefined {
    const parts = path.split('/').slice(1);
    const owned = this.routes.some((r) => r.segments[0] === parts[0]);
    const matches = this.routes.filter(
      (r) =>
        (!owned || r.segments[0] === parts[0]) &&
        r.segments.length === parts.length &&
        r.segments.every((s, i) => s.startsWith('{') || s === parts[i]),
    );
    return matches.sort((a, b) => b.literals - a.literals)[0]?.item;
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(absolute(schema));
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private schemaProblems(key: string, schema: unknown, body: unknown): string[] {
    const validate = this.validator(key, schema);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  }

  /** What is wrong with this answer, by the document (none: it conforms). */
  problems(method: string, url: string, answer: Answer): string[] {
    if (method === 'OPTIONS' || answer.headers.get('X-Mock-Fault')) return [];
    const path = new URL(url).pathname;
    const operation = this.itemOf(path)?.[method.toLowerCase()] as Json | undefined;
    if (!operation) {
      // No such route (or method): only the API's refusals (/v1 signs in first), in either error body.
      if (![401, 403, 404, 405].includes(answer.status)) return [`${method} ${path} is not in the document`];
      const errors = { anyOf: [{ $ref: `${BASE}ApiErrorBody` }, { $ref: `${BASE}PcErrorBody` }] };
      return this.schemaProblems('no-route', errors, answer.body);
    }
    const where = `${method} ${path} → ${answer.status}`;
    const response = (operation.responses as Json)[answer.status];
    if (!response) return [`${where}: the status is not documented for ${method} ${path}`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries((response.headers ?? {}) as Json))
      if (header.required && !answer.headers.has(name)) problems.push(`${where}: no ${name} header`);
    const [type, media] = Object.entries((response.content ?? {}) as Json)[0] ?? [];
    const sent = answer.headers.get('Content-Type') ?? '';
    if (!type) {
      // A redirect may say where it goes in a few words of text (Express does); anything else has no body.
      const redirect = answer.status >= 300 && answer.status < 400;
      if (!redirect && answer.body !== null && answer.body !== '')
        problems.push(`${where}: a body where none is documented`);
    } else if (!sent.startsWith(type)) {
      problems.push(`${where}: ${sent || 'no Content-Type'}, documented ${type}`);
    } else if (type === 'application/json') {
      const key = `${operation.operationId} ${answer.status}`;
      problems.push(...this.schemaProblems(key, media.schema, answer.body).map((p) => `${where}: ${p}`));
    }
    return problems;
  }
}

const contracts = new Map<string, Promise<Contract>>();

/** The contract of the API at `origin`, fetched once. */
export function contractOf(origin: string): Promise<Contract> {
  let contract = contracts.get(origin);
  if (!contract) {
    contract = fetch(`${origin}/openapi.json`)
      .then((res) => res.json())
      .then((document) => new Contract(document));
    contracts.set(origin, contract);
  }
  return contract;
}

/** Throws, naming every problem, when the answer to `method url` does not conform to the API's own document. */
export async function expectConforms(method: string, url: string, answer: Answer): Promise<void> {
  const contract = await contractOf(new URL(url).origin);
  const problems = contract.problems(method, url, answer);
  if (problems.length)
    throw new Error(
      `The answer does not match /openapi.json:\n  ${problems.join('\n  ')}\n${JSON.stringify(answer.body).slice(0, 500)}`,
    );
}

/** `fetch`, with the answer checked against the contract (for tests that need a Response, or a redirect unfollowed). */
export async function checkedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the text
  }
  await expectConforms(init.method ?? 'GET', url, { status: res.status, headers: res.headers, body });
  const empty = [101, 204, 205, 304].includes(res.status);
  return new Response(empty ? null : text, { status: res.status, statusText: res.statusText, headers: res.headers });
}
