/**
 * Where two short values differ, for showing a conflict: the start and the end they share are left out, what is
 * between is the differing part (a field's value is short enough that no finer diff is needed).
 */

/** `value` in three parts: what it shares with `other` at the start, the part that differs, what they share at the end. */
export function differingPart(value: string, other: string): [head: string, middle: string, tail: string] {
  const shortest = Math.min(value.length, other.length);
  let head = 0;
  while (head < shortest && value[head] === other[head]) head++;
  // Never cut between the two halves of a character outside the Basic Multilingual Plane (an emoji, say).
  if (head > 0 && isHighSurrogate(value.charCodeAt(head - 1))) head--;
  let tail = 0;
  while (tail < shortest - head && value[value.length - 1 - tail] === other[other.length - 1 - tail]) tail++;
  if (tail > 0 && isLowSurrogate(value.charCodeAt(value.length - tail))) tail--;
  return [value.slice(0, head), value.slice(head, value.length - tail), value.slice(value.length - tail)];
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
