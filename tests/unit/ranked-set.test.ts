import { expect, test } from 'vitest';
import { TIERS, type Tier } from '@/domain/search';
import { Marker, Pager } from '@/mock-api/search/ranked-set';

test('pages read off in (tier, rank) order, whether a tier is sorted or read from the bitmap', () => {
  const count = 50_000;
  const marker = new Marker(count);
  let state = 3;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((state / 2 ** 31) * n);
  };
  // Tier 4 gets far more members than the sorting threshold; the others few; ranks offered twice keep the best tier.
  for (let n = 0; n < 30_000; n++) marker.offer(random(count), (n % 10 ? 4 : random(TIERS)) as Tier);
  const matches = marker.take();
  const all = Array.from(matches.ranks.keys())
    .sort((a, b) => matches.tiers[a] - matches.tiers[b] || matches.ranks[a] - matches.ranks[b])
    .map((k) => matches.ranks[k]);
  expect(new Set(all).size).toBe(all.length);
  expect(matches.counts.reduce((a, b) => a + b)).toBe(all.length);
  expect(matches.counts[4]).toBeGreaterThan(5000);
  const pager = new Pager(count);
  for (const offset of [0, 13, matches.counts[0] - 3, 4000, all.length - 7, all.length]) {
    expect(Array.from(pager.page(matches, offset, 40)), String(offset)).toEqual(all.slice(offset, offset + 40));
  }
  expect(Array.from(pager.page(matches, 0, all.length))).toEqual(all);
  // The marker is empty again after take().
  expect(marker.take().ranks.length).toBe(0);
});
