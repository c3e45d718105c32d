/**
 * Whether this code runs from the repository's TypeScript sources (through tsx or vitest) or as the built package
 * `customer-desk-mock-api` (plain JavaScript, docs/architecture.md "The mock API as a package"): a module's own
 * address says which.
 */
export const fromSources = import.meta.url.endsWith('.ts');
