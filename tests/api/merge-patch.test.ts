import { expect, test } from 'vitest';
import { applyMergePatch, changesBetween } from '@/domain/merge-patch';

// RFC 7396, Appendix A: original, patch, result.
const EXAMPLES: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [
    ['a', 'b'],
    ['c', 'd'],
    ['c', 'd'],
  ],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

test.each(EXAMPLES)('RFC 7396 example: %j patched with %j', (original, patch, result) => {
  const before = JSON.stringify(original);
  expect(applyMergePatch(original, patch)).toEqual(result);
  expect(JSON.stringify(original)).toBe(before); // the target is not mutated
});

test('changesBetween lists leaf changes as dotted paths', () => {
  expect(
    changesBetween({ a: 1, n: { x: 'p', y: 'q' }, gone: true }, { a: 1, n: { x: 'p', y: 'r' }, added: 2 }),
  ).toEqual({
    'n.y': { before: 'q', after: 'r' },
    gone: { before: true, after: null },
    added: { before: null, after: 2 },
  });
  expect(changesBetween({ a: [1, 2] }, { a: [1, 2] })).toEqual({});
});
