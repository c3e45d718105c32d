/**
 * Builds the npm package `customer-desk-mock-api` from mock-api/ and the domain/ it uses (docs/architecture.md,
 * "The mock API as a package"): plain ESM JavaScript bundled by esbuild, the public types, the contract document
 * and a package.json, in `.output/customer-desk-mock-api/`. No list of source files: the entries are index.ts,
 * cli.ts and every module a `new URL('./….ts', import.meta.url)` names (the worker threads), found by reading the
 * sources; everything else is reached through imports.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');
const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
};
const PACKAGE_NAME = 'customer-desk-mock-api';
const PACKAGE_VERSION = root.version;
/** Where the package's folder is built (what `npm pack` packs). */
export const PACKAGE_DIR = join(ROOT, '.output', PACKAGE_NAME);
/** The built command line, for the repository's own tests and bench. */
export const BUILT_CLI = join(PACKAGE_DIR, 'dist', 'cli.js');
/**
 * The packages the bundle imports at run time and the installed package depends on. Faker is bundled instead: only
 * the locales the seed uses survive tree-shaking (about 1 MB of the 4 MB faker installs). swagger-ui-dist is found
 * at run time by its path helper (mock-api/openapi/docs-routes.ts), which a bundler cannot see: it must stay one.
 */
const RUNTIME_DEPENDENCIES = ['cors', 'jose', 'json-server', 'swagger-ui-dist', 'zod'];
const BUNDLED = ['@faker-js/faker'];
const SOURCES = ['mock-api', 'domain'];
const INDEX = join(ROOT, 'mock-api/index.ts');

/** index.ts, cli.ts and the modules started as worker threads (`new URL('./x.ts', import.meta.url)`). */
function entryPoints(): string[] {
  const workers = SOURCES.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => {
        const path = join(ROOT, dir, file);
        const named = readFileSync(path, 'utf8').matchAll(/new URL\('(\.{1,2}\/[^']+\.ts)', import\.meta\.url\)/g);
        return [...named].map((match) => resolve(dirname(path), match[1]));
      }),
  );
  const entries = [INDEX, join(ROOT, 'mock-api/cli.ts'), ...new Set(workers)];
  // Every output lands in one folder, where `new URL('./x.ts', import.meta.url)` looks for x.js: names must differ.
  const names = entries.map((entry) => basename(entry));
  const twice = names.filter((name, i) => names.indexOf(name) !== i);
  if (twice.length) throw new Error(`Two entry modules share a file name, which the flat dist/ cannot hold: ${twice}`);
  return entries;
}

/** A bare import that is neither a run-time dependency nor bundled fails the build instead of failing at install. */
const knownPackagesOnly: Plugin = {
  name: 'known-packages-only',
  setup(on) {
    on.onResolve({ filter: /^[^./@]|^@[^/]/ }, ({ path, importer }) => {
      if (path.startsWith('node:')) return { external: true };
      const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
      if (RUNTIME_DEPENDENCIES.includes(name)) return { external: true };
      if (BUNDLED.includes(name) || name === '@') return undefined;
      throw new Error(
        `${importer} imports ${path}: add "${name}" to RUNTIME_DEPENDENCIES or BUNDLED in ${import.meta.filename}`,
      );
    });
  },
};

/** The public types: index.ts's declarations, which must stand alone (they name no other module). */
function declarations(): string {
  const out = mkdtempSync(join(tmpdir(), 'customer-desk-types-'));
  try {
    const config = join(out, 'tsconfig.json');
    const compilerOptions = {
      noEmit: false,
      declaration: true,
      emitDeclarationOnly: true,
      rootDir: ROOT,
      outDir: out,
      // Resolved from the temporary folder otherwise, where there are none.
      typeRoots: [join(ROOT, 'node_modules/@types')],
    };
    writeFileSync(
      config,
      JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), files: [INDEX], include: [], compilerOptions }),
    );
    try {
      execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', config], { cwd: ROOT, encoding: 'utf8' });
    } catch (error) {
      throw new Error(`The types did not compile:\n${(error as { stdout: string }).stdout}`);
    }
    const types = readFileSync(join(out, 'mock-api/index.d.ts'), 'utf8');
    const imports = /^(?:import|export) .* from ['"].*['"];?$/m.exec(types);
    if (imports) throw new Error(`mock-api/index.ts's public types must not import other modules: ${imports[0]}`);
    return types;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** What the package is built from: a change to any of these makes the next `builtMockApi()` build again. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  const files = [...SOURCES, 'scripts/mock-api-package']
    .flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.(ts|md)$/.test(file))
        .map((file) => join(dir, file)),
    )
    .concat('package.json', 'package-lock.json', 'tsconfig.json')
    .sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(ROOT, file)));
  return hash.digest('hex');
}

/** Builds the package into `dir`. */
async function buildInto(dir: string): Promise<void> {
  const dist = join(dir, 'dist');
  await build({
    entryPoints: entryPoints(),
    outdir: dist,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(ROOT, 'tsconfig.json'),
    plugins: [knownPackagesOnly],
    logLevel: 'error',
  });
  const cli = join(dist, 'cli.js');
  writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`);
  chmodSync(cli, 0o755);
  writeFileSync(join(dist, 'index.d.ts'), declarations());
  // The bundled packages' licences travel with their code.
  const licences = BUNDLED.map(
    (name) => `${name}\n\n${readFileSync(join(ROOT, 'node_modules', name, 'LICENSE'), 'utf8')}`,
  );
  writeFileSync(join(dist, 'THIRD-PARTY-LICENSES.txt'), licences.join('\n\n'));
  const { openApiDocument } = await import('@/mock-api/openapi/document');
  const contract = openApiDocument({ admin: true, collections: [], origin: 'http://localhost:3000' });
  writeFileSync(join(dir, 'openapi.json'), `${JSON.stringify(contract, null, 2)}\n`);
  copyFileSync(join(import.meta.dirname, 'README.md'), join(dir, 'README.md'));
  const manifest = {
    name: PACKAGE_NAME,
    version: PACKAGE_VERSION,
    description:
      "Customer Desk's mock Partner Center API for testers: a durable local API with roles, ETags, faults, /__admin and its OpenAPI contract",
    type: 'module',
    engines: root.engines,
    bin: { 'customer-desk-api': 'dist/cli.js' },
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      // The command line's file, for scripts that start it as a child process (examples/ci-with-mock-api.mjs).
      './cli': './dist/cli.js',
      './openapi.json': './openapi.json',
      './package.json': './package.json',
    },
    types: './dist/index.d.ts',
    files: ['dist', 'openapi.json'],
    dependencies: Object.fromEntries(RUNTIME_DEPENDENCIES.map((name) => [name, root.dependencies[name]])),
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * The package folder, built unless it was built from these very sources: one build serves `npm run pack:api`, the
 * repository's tests and the bench. A fresh build is made beside the old one and then takes its place.
 */
export async function builtMockApi(): Promise<string> {
  const hash = sourcesHash();
  const stamp = `${PACKAGE_DIR}.sources-sha256`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(BUILT_CLI)) return PACKAGE_DIR;
  const fresh = `${PACKAGE_DIR}.new`;
  rmSync(fresh, { recursive: true, force: true });
  await buildInto(fresh);
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  renameSync(fresh, PACKAGE_DIR);
  writeFileSync(stamp, hash);
  return PACKAGE_DIR;
}

/** The built package, packed: `.output/customer-desk-mock-api-<version>.tgz`. */
export async function packMockApi(): Promise<string> {
  const dir = await builtMockApi();
  const out = dirname(dir);
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: dir, encoding: 'utf8' }),
  ) as { filename: string }[];
  return join(out, packed.filename);
}
