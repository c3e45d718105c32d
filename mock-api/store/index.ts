/**
 * The store's face: what the rest of the mock API uses of `store/` (its design: docs/architecture.md, "The mock
 * API's store"). The routes see a `Database` — read, search, commit; the tester's tools also open, reset (the start
 * state), import (a snapshot written whole) and export (every customer's JSON) through a `Store`.
 */
import type { AuditEntry, Customer, CustomerSummary } from '@/domain/schemas';
import type { SearchIndex } from './search/search-index';
import type { StorageState } from './storage-error';

/** What a route may do with the store. Customers are addressed by record number (`indexOf`: id → record). */
export interface Database {
  readonly count: number;
  indexOf(id: string): number | undefined;
  customer(i: number): Customer;
  /** The customer's JSON text as it would be sent (no parse and stringify for a read). */
  customerJson(i: number): string;
  /** The same, not kept in memory: for a pass over every customer. */
  customerJsonOnce(i: number): string;
  summary(i: number): CustomerSummary;
  summaryJson(i: number): string;
  readonly search: Pick<SearchIndex, 'search' | 'startingWith'>;
  /** Oldest first; appended to by `commit`. */
  readonly auditLog: AuditEntry[];
  /** On disk (journal append + fdatasync) before it returns, or a StorageError and nothing changed. */
  commit(customer: Customer, audit: AuditEntry[]): void;
  /** How the last write to disk went (`/health`). */
  readonly storage: StorageState;
}

export { DamageError } from './damage';
export { DatabaseInUseError, DatabaseLock } from './database-lock';
export { fsyncFolder } from './disk';
export { journalsOf } from './journal';
export { DEFAULT_COMPACT_AFTER, DEFAULT_SEED_COUNT, openStore } from './open';
export { seedProgress } from './seed/seed-progress';
export { copySnapshot, writeSnapshotOf } from './snapshot-file';
export { StartState } from './start-state';
export { StorageError } from './storage-error';
export type { Store } from './store';
