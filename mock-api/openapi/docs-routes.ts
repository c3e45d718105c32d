/**
 * `GET /openapi.json` (the contract document, for this server as the request reached it) and `GET /docs`: the
 * document to read and search, rendered by Swagger UI from the installed `swagger-ui-dist` package — no CDN, so it
 * works offline. Its filter box finds operations by tag, path, method or summary. Both stay with `--no-admin`.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Express, Request } from 'express';

// Its path helper only: the package's main module loads Swagger UI's whole browser bundle into Node (250 ms at start).
const swaggerUiFolder = (createRequire(import.meta.url)('swagger-ui-dist/absolute-path.js') as () => string)();
/** The package's files the page uses, and their types: nothing else of the folder is served. */
const FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Customer Desk mock API — reference</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css">
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
  </head>
  <body>
    <main id="reference"></main>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/start.js"></script>
  </body>
</html>
`;

/** Swagger UI on /openapi.json; its filter also matches methods and summaries (by default: tags and paths). */
const START = `const words = (text) => text.toLowerCase().split(/\\s+/).filter(Boolean);
const searchAll = () => ({
  fn: {
    opsFilter(taggedOps, phrase) {
      const wanted = words(phrase);
      if (!wanted.length) return taggedOps;
      return taggedOps
        .map((tagged, tag) => {
          const ops = tagged.get('operations').filter((op) => {
            const text = [tag, op.get('method'), op.get('path'), op.getIn(['operation', 'summary']) ?? ''].join(' ').toLowerCase();
            return wanted.every((word) => text.includes(word));
          });
          return ops.size ? tagged.set('operations', ops) : null;
        })
        .filter((tagged) => tagged !== null);
    },
  },
});
window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  filter: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  displayRequestDuration: true,
  tryItOutEnabled: false,
  plugins: [searchAll],
});
`;

export function docsRoutes(app: Express, documentFor: (req: Request) => object): void {
  app.get('/openapi.json', (req, res) => {
    res.json(documentFor(req));
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  app.get('/docs/start.js', (_req, res) => {
    res.type('text/javascript').send(START);
  });
  app.get('/docs/:file', (req, res, next) => {
    const type = Object.hasOwn(FILES, req.params.file) ? FILES[req.params.file] : undefined;
    if (!type) return next();
    res.type(type).sendFile(join(swaggerUiFolder, req.params.file));
  });
}
