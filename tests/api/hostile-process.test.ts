/**
 * The server as a process: one per database (a second exits with code 2 naming the file and the running process;
 * a killed server's lock is taken over), and SIGTERM stops it within 10 s even while a client trickles a body, a
 * second signal at once. (On main: a second server started on the same database without a word, and a trickling
 * client held SIGTERM for 30 s or more.)
 */
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { type MockApi, runCli, spawnMockApi, startApi } from '@/harness/mock-api';

const dir = mkdtempSync(join(tmpdir(), 'customer-desk-process-'));

/** Starts a request whose body never ends: a byte every 200 ms. Returns a function that stops it. */
function trickle(url: string): () => void {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => {});
  socket.write(
    'POST /validations/address HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      'X-Partner-Role: admin-agent\r\nContent-Length: 100000\r\n\r\n{',
  );
  const timer = setInterval(() => socket.write(' '), 200);
  socket.on('close', () => clearInterval(timer));
  return () => {
    clearInterval(timer);
    socket.destroy();
  };
}

/** Milliseconds until the process exits, and how. */
function exited(api: MockApi): Promise<{ ms: number; code: number | null; signal: NodeJS.Signals | null }> {
  const started = performance.now();
  return new Promise((done) =>
    api.process.once('exit', (code, signal) => done({ ms: performance.now() - started, code, signal })),
  );
}

test('a second server on the same database exits with code 2, naming the file and the running process', async () => {
  const dbPath = join(dir, 'shared.json');
  const first = await spawnMockApi(['--seed', '3'], { dbPath });
  const second = await runCli(['--port', '0', '--db', dbPath, '--seed', '5']);
  expect(second.status).toBe(2);
  expect(second.stderr).toContain(dbPath);
  expect(second.stderr).toContain(`process ${first.process.pid}`);
  // Refused before it touched anything: the first server's data is as it was.
  expect((await first.call('/customers')).body).toHaveLength(3);

  // Killed, it leaves its lock behind; the next server takes it over.
  await first.stop('SIGKILL');
  const next = await spawnMockApi([], { dbPath });
  expect((await next.call('/customers')).body).toHaveLength(3);
  await next.stop();
}, 60_000);

test('in one process too: the second start is refused until the first stops', async () => {
  const dbPath = join(dir, 'in-process.json');
  const first = await startApi({ dbPath, seed: 2 });
  await expect(startApi({ dbPath })).rejects.toThrow(/in use by another mock API server/);
  await first.stop();
  const again = await startApi({ dbPath });
  await again.stop();
});

test('SIGTERM stops within 10 s while a client trickles its body; a second signal stops at once', async () => {
  const api = await spawnMockApi(['--seed', '3'], { dbPath: join(dir, 'slow.json') });
  const stopTrickle = trickle(api.url);
  await new Promise((wait) => setTimeout(wait, 300));
  const exit = exited(api);
  api.process.kill('SIGTERM');
  const { ms, code } = await exit;
  stopTrickle();
  expect(code).toBe(0);
  expect(ms).toBeLessThan(10_000);

  const again = await spawnMockApi([], { dbPath: join(dir, 'slow.json') });
  const stopAgain = trickle(again.url);
  await new Promise((wait) => setTimeout(wait, 300));
  const twice = exited(again);
  again.process.kill('SIGTERM');
  await new Promise((wait) => setTimeout(wait, 100));
  again.process.kill('SIGTERM');
  const second = await twice;
  stopAgain();
  expect(second.ms).toBeLessThan(3000); // a generous bound: the first signal alone would wait its grace period
}, 60_000);
