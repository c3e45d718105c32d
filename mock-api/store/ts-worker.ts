/**
 * A worker thread running a TypeScript module. Node 20 does not apply tsx's loader to a worker's entry module,
 * so the worker starts from a line of JavaScript that registers tsx and then imports the module.
 */
import { Worker } from 'node:worker_threads';

export function tsWorker(module: URL, workerData?: unknown): Worker {
  const entry = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(entry, { eval: true, workerData });
}
