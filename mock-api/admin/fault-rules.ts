/**
 * Fault rules (`/__admin/faults`, after WireMock's per-stub faults): by method and path glob, answer a status and
 * body, wait a fixed or random time, or drop the connection; `times` counts down and then the rule is gone. The
 * first matching rule, in the order added, applies. CORS preflights are exempt unless a rule names OPTIONS, and the
 * tester's tools (`/health`, `/__admin`, `/docs`, `/openapi.json`) never fail. An injected answer carries
 * `X-Mock-Fault: <rule id>`, so it is never mistaken for the API's own.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { z } from 'zod/mini';
import { readRaw } from '../middlewares/json-body';
import { type Glob, globMatches, parseGlob } from './path-glob';
import { isHealthPath, isToolPath } from './tool-paths';

export const FAULT_HEADER = 'X-Mock-Fault';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const MAX_LATENCY = 60_000;
/** Rules kept at most: each request is tried against every one. */
export const MAX_FAULT_RULES = 100;
/** What an injected answer keeps of the request body for the journal; the rest is read and dropped. */
const KEPT_BODY = 64 * 1024;

const millis = z.int().check(z.gte(0), z.lte(MAX_LATENCY));

const ruleFields = {
  /** Any method but OPTIONS when left out. */
  method: z.optional(z.enum(METHODS)),
  /** A glob: `*` one segment (or part of one), `**` any number of segments. */
  path: z.string(),
  /** Answer with this status (100–599) instead of the API. */
  status: z.optional(z.int().check(z.gte(100), z.lte(599))),
  /** With `status`: the JSON body to answer (default: the API's error shape naming the rule). */
  body: z.optional(z.unknown()),
  /** Wait this long first, in ms, or a random time in [min, max]; then answer as `status`/`drop` say, or as the API would. */
  latencyMs: z.optional(z.union([millis, z.tuple([millis, millis])])),
  /** `reset`: destroy the connection without an answer. */
  drop: z.optional(z.literal('reset')),
  /** Apply this many times, then the rule is gone (default: until removed). */
  times: z.optional(z.int().check(z.gte(1))),
};

export const FaultRuleInput = z.strictObject(ruleFields).check(
  z.superRefine((rule, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.issues.push({ code: 'custom', input: rule, path: [path], message });
    const glob = parseGlob(rule.path);
    if (typeof glob === 'string') problem('path', glob);
    else if (['health', '__admin', 'docs', 'openapi.json'].includes(glob[0]))
      problem('path', "The tester's tools (/health, /__admin, /docs, /openapi.json) never fail.");
    if (rule.status === undefined && rule.latencyMs === undefined && rule.drop === undefined)
      problem('status', 'Give status, latencyMs or drop: a rule must do something.');
    if (rule.status !== undefined && rule.drop !== undefined)
      problem('drop', 'A dropped connection has no status: give one or the other.');
    if (rule.body !== undefined && rule.status === undefined) problem('body', 'A body goes with a status.');
    if (Array.isArray(rule.latencyMs) && rule.latencyMs[0] > rule.latencyMs[1])
      problem('latencyMs', 'The first number is the shortest wait: [min, max].');
  }),
);
export type FaultRuleInput = z.infer<typeof FaultRuleInput>;

/** A rule as kept and listed: its id, and `times` as many as are left. */
export const FaultRule = z.strictObject({ id: z.string(), ...ruleFields });
export type FaultRule = z.infer<typeof FaultRule>;

export const FaultRuleList = z.strictObject({ faults: z.array(FaultRule) });

interface Kept {
  rule: FaultRule;
  glob: Glob;
}

const pick = (latency: number | [number, number]) =>
  typeof latency === 'number' ? latency : latency[0] + Math.random() * (latency[1] - latency[0]);

function inject(res: Response, rule: FaultRule): void {
  res.setHeader(FAULT_HEADER, rule.id);
  if (rule.drop) {
    // A TCP reset where Node can send one, so the client sees ECONNRESET rather than a clean end.
    const socket = res.req.socket;
    if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket.destroy();
    return;
  }
  const status = rule.status!;
  res
    .status(status)
    .json(
      rule.body !== undefined
        ? rule.body
        : { error: { code: 'injected-fault', message: `Answered ${status} by the fault rule ${rule.id}.` } },
    );
}

export class FaultRules {
  private kept: Kept[] = [];

  /** Adds a validated rule at the end. */
  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { id: randomUUID(), ...input };
    this.kept.push({ rule, glob: parseGlob(rule.path) as Glob });
    return rule;
  }

  get full(): boolean {
    return this.kept.length >= MAX_FAULT_RULES;
  }

  list(): FaultRule[] {
    return this.kept.map((k) => ({ ...k.rule }));
  }

  remove(id: string): boolean {
    const before = this.kept.length;
    this.kept = this.kept.filter((k) => k.rule.id !== id);
    return this.kept.length < before;
  }

  clear(): void {
    this.kept = [];
  }

  /** The first rule for this request, counted down (and gone when its times are used up). */
  private take(method: string, path: string): FaultRule | undefined {
    const at = this.kept.findIndex(
      ({ rule, glob }) => (rule.method ? rule.method === method : method !== 'OPTIONS') && globMatches(glob, path),
    );
    if (at === -1) return undefined;
    const { rule } = this.kept[at];
    const applied = { ...rule };
    if (rule.times !== undefined && --rule.times === 0) this.kept.splice(at, 1);
    return applied;
  }

  /**
   * For CORS preflights, before the CORS middleware answers them: only a rule that names OPTIONS applies, and its
   * answer carries no CORS headers, as a browser would meet a failing preflight.
   */
  readonly preflights: RequestHandler = (req, res, next) =>
    req.method === 'OPTIONS' ? this.middleware(req, res, next) : next();

  /** Applies the first matching rule; the request body is read first, so the journal shows what was sent. */
  readonly middleware: RequestHandler = (req, res, next) => {
    if (isToolPath(req.path) || isHealthPath(req.path)) return next();
    const rule = this.take(req.method, req.path);
    if (!rule) return next();
    const act = () => {
      if (rule.status === undefined && !rule.drop) return next();
      readRaw(req, KEPT_BODY).then(() => inject(res, rule), next);
    };
    if (rule.latencyMs === undefined) act();
    else setTimeout(act, pick(rule.latencyMs));
  };
}
