/** Starts the real mock API (the same CLI testers use) on a free loopback port with its own temporary database. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface MockApi {
  url: string;
  dbPath: string;
  process: ChildProcess;
  output: () => string;
  /** Stops the server; `signal` SIGKILL simulates a crash. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');

export async function startMockApi(args: string[] = [], options: { dbPath?: string } = {}): Promise<MockApi> {
  const dir = options.dbPath ? null : mkdtempSync(join(tmpdir(), 'customer-desk-api-'));
  const dbPath = options.dbPath ?? join(dir!, 'db.json');
  const hasSeed = args.includes('--seed');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'mock-api/cli.ts', '--port', '0', '--db', dbPath, ...(hasSeed || options.dbPath ? [] : ['--seed', '200']), ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`mock API did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`mock API exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    dbPath,
    process: child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => {
          if (dir && signal !== 'SIGKILL') rmSync(dir, { recursive: true, force: true });
          done();
        });
        child.kill(signal);
      }),
  };
}
