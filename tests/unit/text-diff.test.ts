import { expect, test } from 'vitest';
import { differingPart } from '@/utils/text-diff';

test('the shared start and end are left out; the middle is what differs, on each side', () => {
  expect(differingPart('+7 495 123 4567', '+7 495 765 4567')).toEqual(['+7 495 ', '123', ' 4567']);
  expect(differingPart('+7 495 765 4567', '+7 495 123 4567')).toEqual(['+7 495 ', '765', ' 4567']);
  expect(differingPart('Smith', 'Smyth')).toEqual(['Sm', 'i', 'th']);
});

test('a value the other only adds to has nothing of its own that differs', () => {
  expect(differingPart('Suite 7', 'Suite 17')).toEqual(['Suite ', '', '7']);
  expect(differingPart('Suite 17', 'Suite 7')).toEqual(['Suite ', '1', '7']);
});

test('the shared start and end never overlap, even in repeated letters', () => {
  expect(differingPart('aa', 'aaa')).toEqual(['aa', '', '']);
  expect(differingPart('aaa', 'aa')).toEqual(['aa', 'a', '']);
  expect(differingPart('abab', 'ab')).toEqual(['ab', 'ab', '']);
});

test('nothing shared, or one side empty: all of it differs', () => {
  expect(differingPart('Kazan', 'Samara')).toEqual(['', 'Kazan', '']);
  expect(differingPart('Kazan', '')).toEqual(['', 'Kazan', '']);
  expect(differingPart('', 'Kazan')).toEqual(['', '', '']);
});

test('a character outside the Basic Multilingual Plane is never split', () => {
  // 😀 and 😃 share their first UTF-16 unit; 🍎 and 🍏 too, and the tails share their last.
  expect(differingPart('a😀b', 'a😃b')).toEqual(['a', '😀', 'b']);
  expect(differingPart('x🍎', 'x🍏')).toEqual(['x', '🍎', '']);
  expect(differingPart('😀z', '😃z')).toEqual(['', '😀', 'z']);
  // 😀 and 🈀 share their last UTF-16 unit.
  expect(differingPart('a😀', 'a🈀')).toEqual(['a', '😀', '']);
});
