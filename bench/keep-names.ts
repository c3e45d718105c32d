/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in `__name(fn, "name")`. A function handed to
 * puppeteer runs in the page, where that helper does not exist: evaluate this there first.
 */
export const KEEP_NAMES_SHIM = 'globalThis.__name = (fn) => fn;';
