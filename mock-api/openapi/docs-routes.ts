/**
 * `GET /openapi.json` (the contract document, for this server as the request reached it) and `GET /docs`: the
 * document to read and search, rendered by Swagger UI from the installed `swagger-ui-dist` package — no CDN, so it
 * works offline. Its filter box finds operations by tag, path, method or summary. Both stay with `--no-admin`.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Request } from 'express';
import type { RouteGroup } from '../route-table';
import { anyObject, htmlPage, publicErrors } from './replies';

// Its path helper only: the package's main module loads Swagger UI's whole browser bundle into Node (250 ms at start).
const swaggerUiFolder = (createRequire(import.meta.url)('swagger-ui-dist/absolute-path.js') as () => string)();
/** The package's files the page uses, and their types: nothing else of the folder is served (and start.js, below). */
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

/** The document for the server a request reached (its `servers` is where the request was sent). */
export type DocumentFor = (req: Request) => object;

export const docsRoutes: RouteGroup<DocumentFor> = {
  tag: 'Tools',
  auth: 'none',
  routes: [
    {
      method: 'get',
      path: '/openapi.json',
      summary: 'This document',
      responses: { 200: { description: 'OpenAPI 3.1.', schema: anyObject }, ...publicErrors() },
      handle: (documentFor) => (req, res) => {
        res.json(documentFor(req));
      },
    },
    {
      method: 'get',
      path: '/docs',
      summary: 'This document, to read (Swagger UI)',
      responses: { 200: htmlPage('The reference.'), ...publicErrors() },
      handle: () => (_req, res) => {
        res.type('html').send(PAGE);
      },
    },
    {
      method: 'get',
      path: '/docs/:file',
      summary: "Swagger UI's scripts and styles",
      responses: { 200: { description: 'The file.', type: 'text/javascript' }, ...publicErrors(404) },
      handle: () => (req, res, next) => {
        const { file } = req.params;
        if (file === 'start.js') return res.type('text/javascript').send(START);
        const type = Object.hasOwn(FILES, file) ? FILES[file] : undefined;
        if (!type) return next();
        res.type(type).sendFile(join(swaggerUiFolder, file));
      },
    },
  ],
};
