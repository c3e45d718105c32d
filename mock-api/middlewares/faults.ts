import type { RequestHandler } from 'express';
import { FAULT_HEADER } from '../admin/fault-rules';
import { isHealthPath } from '../admin/tool-paths';
import { sendError } from './errors';

export interface FaultOptions {
  /** Each response waits a random time in [min, max] ms. */
  latency?: [min: number, max: number];
  /** The share of requests answered 503, from 0 to 1. */
  failRate?: number;
}

/**
 * Testers' faults from the command line (`--latency`, `--fail-rate`); an injected 503 carries `X-Mock-Fault: fail-rate`.
 * `/health` and CORS preflights are exempt, so a prober and the browser still see the truth.
 */
export function faults({ latency, failRate = 0 }: FaultOptions): RequestHandler {
  return (req, res, next) => {
    if (isHealthPath(req.path) || req.method === 'OPTIONS') return next();
    const go = () => {
      if (Math.random() >= failRate) return next();
      res.setHeader(FAULT_HEADER, 'fail-rate');
      sendError(res, 503, 'unavailable', 'The mock API is injecting failures (--fail-rate). Try again.');
    };
    if (!latency) return go();
    const [min, max] = latency;
    setTimeout(go, min + Math.random() * (max - min));
  };
}
