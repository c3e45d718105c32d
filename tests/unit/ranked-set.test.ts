import { expect, test } from 'vitest';
import { TIERS, type Tier } from '@/domain/search';
import { Marker } from '@/mock-api/store/search/ranked-set';

function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((state / 2 ** 31) * n);
  };
}

/** Offers `offers` random (rank, tier) pairs, mostly tier 4; the same rank offered twice keeps its best tier. */
function collect(count: number, offers: number, seed: number) {
  const marker = new Marker(count);
  const pick = random(seed);
  const best = new Map<number, number>();
  for (let n = 0; n < offers; n++) {
    const rank = pick(count);
    const tier = n % 10 ? 4 : pick(TIERS);
    if (n % 2) marker.offer(rank, tier as Tier);
    else marker.offerRecords(Int32Array.of(rank), 0, 1, tier as Tier);
    best.set(rank, Math.min(tier, best.get(rank) ?? TIERS));
  }
  const order = [...best.keys()].sort((a, b) => best.get(a)! - best.get(b)! || a - b);
  return { marker, order, best };
}

test.each([
  ['sparse tiers, sorted', 50_000, 900],
  ['dense tiers, read off the marks in rank order', 50_000, 30_000],
])('%s: pages in (tier, rank) order, counts kept as the set grows', (_, count, offers) => {
  const { marker, order, best } = collect(count, offers, 3);
  expect(marker.size).toBe(order.length);
  for (let tier = 0; tier < TIERS; tier++)
    expect(marker.counts[tier]).toBe([...best.values()].filter((t) => t === tier).length);
  for (const offset of [0, 13, marker.counts[0] - 3, Math.floor(order.length / 2), order.length - 7, order.length])
    expect(Array.from(marker.page(offset, 40)), String(offset)).toEqual(order.slice(offset, offset + 40));
  expect(Array.from(marker.page(0, order.length))).toEqual(order);
  marker.clear();
  expect(marker.size).toBe(0);
  expect(marker.marks.every((m) => m === 0)).toBe(true);
});

test('promote and retain keep the counts right', () => {
  const [a, b] = [new Marker(10), new Marker(10)];
  a.offer(1, 2);
  a.offer(2, 4);
  a.offer(3, 2);
  a.offer(4, 4);
  b.offer(1, 4);
  b.offer(3, 2);
  b.offer(4, 3);
  b.offer(5, 0);
  a.retain(b);
  expect(Array.from(a.page(0, 10))).toEqual([3, 1, 4]);
  expect(Array.from(a.counts)).toEqual([0, 0, 1, 0, 2, 0]);
  a.promote(0, 4, 1);
  expect(Array.from(a.counts)).toEqual([0, 2, 0, 0, 1, 0]);
  expect(Array.from(a.page(0, 10))).toEqual([1, 3, 4]);
  expect(b.size).toBe(0);
});
