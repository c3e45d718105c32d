import { expect, test } from 'vitest';
import { IntList, StringList, unpack } from '@/mock-api/store/search/lists';

test('strings packed into a few long ones come back the same, empty ones and all', () => {
  const strings = Array.from({ length: 10_000 }, (_, i) => (i % 7 === 0 ? '' : `${'ёa'.repeat(i % 5)}${i}`));
  const list = new StringList();
  for (const s of strings) list.push(s);
  const packed = list.packed();
  expect(packed.parts.length).toBeLessThan(10);
  expect(unpack(packed)).toEqual(strings);
});

test('an int list grows as it is pushed to', () => {
  const list = new IntList();
  for (let i = 0; i < 5000; i++) list.push(i * 3);
  list.set(7, -1);
  expect(list.length).toBe(5000);
  expect(list.get(4999)).toBe(14_997);
  expect(Array.from(list.values().subarray(5, 9))).toEqual([15, 18, -1, 24]);
});
