/**
 * `npm run pack:api`: builds the mock API's npm package (scripts/mock-api-package/build.ts) and packs it into
 * `.output/customer-desk-mock-api-<version>.tgz`, the file testers install (`npm install <file>`) or a registry takes.
 */
import { packMockApi } from './mock-api-package/build';

process.stdout.write(`${await packMockApi()}\n`);
