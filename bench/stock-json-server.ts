/** Stock json-server 0.17.4, started with its own CLI on a plain `{ customers: [...] }` file: the baseline. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const CLI = resolve(import.meta.dirname, '../node_modules/json-server/lib/cli/bin.js');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

export interface StockServer {
  url: string;
  stop: () => Promise<void>;
}

export async function startStockJsonServer(dbFile: string): Promise<StockServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // --quiet: no request log, so the baseline does not pay for logging we don't do.
  const child = spawn(process.execPath, [CLI, '--port', String(port), '--host', '127.0.0.1', '--quiet', dbFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk));
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  // Loading a 100k-customer file takes seconds: poll, bounded.
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`json-server exited with ${child.exitCode}:\n${errors}`);
    const ok = await fetch(`${url}/customers?_limit=1`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop };
    await sleep(200);
  }
  await stop();
  throw new Error(`json-server did not answer within 2 minutes:\n${errors}`);
}
