/**
 * Extension modules read the `browser` global when they load (defining a storage item reads it at once). In Node —
 * the test helpers, the bench, the screenshot script, the build's prerender (modules/prerender) — WXT's fake browser
 * stands in, so they can name the very storage items of utils/storage.ts. Import this before any extension module.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

(globalThis as { chrome?: unknown }).chrome ??= fakeBrowser;
