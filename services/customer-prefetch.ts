/**
 * The whole customer behind the search list's active option, read while the agent still reads the list so that
 * Enter finds it arrived or on its way (docs/architecture.md, "Search on every view"). One is kept, for a few
 * seconds, and taken once; a change another view announces drops it. A copy counts only if it was asked for after
 * the list offering the customer was shown: the list may be newer than an earlier copy.
 */
import type { Customer } from '@/domain/schemas';
import { currentBackend } from './backends';
import { customerChangedItem } from './storage';

const FRESH_MS = 5000;

let kept: { id: string; at: number; customer: Promise<Customer> } | null = null;
/** When the list the agent chooses from was last shown. */
let offeredAt = 0;
let watching = false;

const usable = (id: string, now: number) => kept?.id === id && kept.at >= offeredAt && now - kept.at < FRESH_MS;

/** Reads customer `id` ahead, unless a usable copy is kept; `offered` is when the list showing it appeared. */
export function prefetchCustomer(id: string, now = Date.now(), offered = offeredAt): void {
  offeredAt = offered;
  if (usable(id, now)) return;
  if (!watching) {
    watching = true;
    customerChangedItem.watch((changed) => {
      if (changed && kept?.id === changed.id) kept = null;
    });
  }
  const customer = currentBackend().then((backend) => backend.customer(id));
  // A failed prefetch costs nothing: the page reads the customer itself.
  customer.catch(() => {});
  kept = { id, at: now, customer };
}

/** The prefetched customer `id` if it is fresh and newer than the list, else null; either way nothing stays kept. */
export function takePrefetched(id: string, now = Date.now()): Promise<Customer> | null {
  const hit = kept && usable(id, now) ? kept.customer : null;
  kept = null;
  return hit;
}
