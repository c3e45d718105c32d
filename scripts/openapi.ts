/**
 * `npm run openapi -- [--out <file>] [--server <url>] [--no-admin]`: writes the mock API's contract document
 * (OpenAPI 3.1, the same as `GET /openapi.json` serves) to a file, for client generators and other tools.
 * Default: `openapi.json` here, for `http://localhost:3000`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openApiDocument } from '@/mock-api/openapi/document';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'openapi.json' },
    server: { type: 'string', default: 'http://localhost:3000' },
    'no-admin': { type: 'boolean', default: false },
  },
});
const out = resolve(values.out);
const document = openApiDocument({ admin: !values['no-admin'], collections: [], origin: values.server });
writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`${out}: OpenAPI 3.1, ${Object.keys(document.paths as object).length} paths\n`);
