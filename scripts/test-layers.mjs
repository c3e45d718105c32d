// `npm test`'s last step: every vitest project, in two vitest processes side by side, each line prefixed with its
// process's name. In one process vitest runs a project without file parallelism (e2e: one browser at a time) only
// after every other project has finished; beside the others it costs the time of the longer of the two.
// Arguments are passed to both (e.g. a reporter). Exit code: the first failure's, else 0.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const extra = process.argv.slice(2);
const RUNS = {
  // Every project but e2e, so a project added to vitest.config.ts runs here without a change to this file.
  layers: ['--project', '!e2e'],
  e2e: ['--project', 'e2e'],
};

const codes = await Promise.all(
  Object.entries(RUNS).map(([name, args]) => {
    const child = spawn('npx', ['vitest', 'run', ...args, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
    return new Promise((done) => child.on('close', (code) => done(code ?? 1)));
  }),
);
process.exit(codes.find((code) => code !== 0) ?? 0);
