/**
 * The whole customer behind the search list's active option, read while the agent still reads the list so that
 * Enter finds it arrived or on its way (docs/architecture.md, "Search on every view"). One is kept, for a few
 * seconds, and taken once; a change another view announces drops it.
 */
import type { Customer } from '@/domain/schemas';
import { currentBackend } from './backends';
import { customerChangedItem } from './storage';

const FRESH_MS = 5000;

let kept: { id: string; at: number; customer: Promise<Customer> } | null = null;
let watching = false;

export function prefetchCustomer(id: string, now = Date.now()): void {
  if (kept?.id === id && now - kept.at < FRESH_MS) return;
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

/** The prefetched customer `id` if it is fresh, else null; either way nothing stays kept. */
export function takePrefetched(id: string, now = Date.now()): Promise<Customer> | null {
  const hit = kept?.id === id && now - kept.at < FRESH_MS ? kept.customer : null;
  kept = null;
  return hit;
}
