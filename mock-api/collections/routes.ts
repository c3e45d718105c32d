/**
 * What json-server's router does for the other collections, for the contract document. It is served as one
 * middleware, `CollectionsRoute.handler` (collections-route.ts): the router has routes of its own, and the handler
 * takes every path under a collection the data holds, whatever the method, so roles and unknown ids answer first.
 */
import { z } from 'zod/mini';
import type { Operation, OperationGroup } from '../openapi/operation';
import { anyObject, deskErrors, query } from '../openapi/replies';

const item = z.looseObject({});
const errors = (...statuses: number[]) => deskErrors(401, ...statuses);
const QUERY = [
  query('_page', 'Page number (with `X-Total-Count` and `Link`).'),
  query('_limit', 'Page size (default 10 with _page).'),
  query('_sort', 'Fields to sort by, comma separated.'),
  query('_order', '`asc` or `desc` per sort field.'),
  query('_start', 'Slice start.'),
  query('_end', 'Slice end.'),
  query('q', 'Full-text search in every field.'),
  query('_embed', 'Add the items of another collection that point at each item.'),
  query('_expand', 'Add the item each item points at.'),
];

/** POST of an item: needs a role that may edit; json-server gives it an id when it has none. */
const addItem = (path: string, summary: string): Operation => ({
  method: 'post',
  path,
  summary,
  description: 'Needs a role that may edit customers. json-server gives the item an id when it has none.',
  body: { schema: item },
  responses: {
    201: { description: 'The item added.', schema: item, headers: { Location: 'The item.' } },
    ...errors(400, 404, 413, 415, 507),
  },
});

export const collectionRoutes: OperationGroup = {
  tag: 'Other collections',
  auth: 'role',
  routes: [
    {
      method: 'get',
      path: '/:collection',
      summary: 'List a collection',
      description:
        "json-server's query language: `field=value`, `field_gte`, `field_lte`, `field_ne`, `field_like` (matched literally, as a substring, case ignored), and the parameters below. Any known role.",
      parameters: QUERY,
      responses: { 200: { description: 'The items.', schema: z.array(item) }, ...errors(404) },
    },
    addItem('/:collection', 'Add an item'),
    {
      method: 'get',
      path: '/:collection/:id',
      summary: 'Read an item',
      parameters: [query('_embed', 'As for the list.'), query('_expand', 'As for the list.')],
      responses: { 200: { description: 'The item.', schema: item }, ...errors(404) },
    },
    ...(['put', 'patch'] as const).map(
      (method): Operation => ({
        method,
        path: '/:collection/:id',
        summary: method === 'put' ? 'Replace an item' : 'Change an item (its fields merge)',
        body: { schema: item },
        responses: {
          200: { description: 'The item as saved.', schema: item },
          ...errors(400, 404, 413, 415, 507),
        },
      }),
    ),
    {
      method: 'delete',
      path: '/:collection/:id',
      summary: 'Remove an item',
      description: 'Items of other collections that point at it are removed too, as json-server does.',
      responses: { 200: { description: 'Removed (an empty object).', schema: anyObject }, ...errors(404, 507) },
    },
    {
      method: 'get',
      path: '/:collection/:id/:nested',
      summary: "List another collection's items that point at this item",
      parameters: QUERY,
      responses: { 200: { description: 'The items.', schema: z.array(item) }, ...errors(404) },
    },
    addItem('/:collection/:id/:nested', 'Add an item to another collection, pointing at this item'),
  ],
};
