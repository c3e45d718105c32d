import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Test files that replace modules (vi.mock) need a module graph of their own; every other file shares its worker's
// modules with the files before it (isolate: false), which halves the time spent importing.
const REPLACES_MODULES = 'tests/**/*.mocked.test.ts';

export default defineConfig({
  test: {
    // Vitest's default on two cores is one file at a time; most API files wait on a child process or the disk.
    maxWorkers: 2,
    projects: [
      // Logic in Node; only the component tests (.tsx) pay for a DOM (happy-dom costs about a second a file).
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: [REPLACES_MODULES],
          environment: 'node',
          isolate: false,
        },
      },
      {
        plugins: [WxtVitest(), preact()],
        test: { name: 'unit-dom', include: ['tests/unit/**/*.test.tsx'], environment: 'happy-dom', isolate: false },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          exclude: [REPLACES_MODULES],
          environment: 'node',
          isolate: false,
          globalSetup: ['tests/helpers/built-mock-api.ts'],
          // A stall bound, not a speed check: files that start the command line per test took over 30 s beside the
          // e2e process on two busy cores.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [WxtVitest()],
        // Unit and API tests that replace a module (the file system, a backend), each file in its own module graph.
        test: { name: 'mocked', include: [REPLACES_MODULES], environment: 'node', testTimeout: 60_000 },
      },
      {
        plugins: [WxtVitest()],
        // The store packages npm test built (.output/): the store's linter, the manifests, a byte-identical rebuild.
        test: {
          name: 'release',
          include: ['tests/release/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        plugins: [WxtVitest()],
        // One browser at a time: the machines have two cores, and the policy tests write machine-wide files. npm test
        // runs this project in a vitest process of its own beside the others (scripts/test-layers.mjs).
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          isolate: false,
          globalSetup: ['tests/helpers/built-mock-api.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [WxtVitest()],
        // The mock API's npm package as a tester installs it: packed, installed into an empty project, used there.
        test: {
          name: 'package',
          include: ['tests/package/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/package/installed-package.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
