/**
 * A worker thread running one of the mock API's modules, named by its `.ts` address. From the sources, Node 20 does
 * not apply tsx's loader to a worker's entry module, so the worker starts from a line of JavaScript that registers
 * tsx and then imports the module; in the built package the module is the `.js` entry the build made beside it.
 */
import { Worker } from 'node:worker_threads';
import { fromSources } from '../from-sources';

export function tsWorker(module: URL, workerData?: unknown): Worker {
  if (!fromSources) return new Worker(new URL(module.href.replace(/\.ts$/, '.js')), { workerData });
  const entry = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(entry, { eval: true, workerData });
}
