/**
 * Opening the store: the snapshot made anew first when asked (seeded, from fixtures) or missing, then loaded and
 * checked, then the journals replayed (replay.ts). Damage stops it with a DamageError before any file changes,
 * unless `recover`: then what precedes the damage is kept (recover.ts).
 */
import { existsSync, rmSync } from 'node:fs';
import type { AuditEntry, Customer } from '@/domain/schemas';
import { DamageError } from './damage';
import { journalsOf } from './journal';
import { type Recovery, recoveryNote, salvageSnapshot } from './recover';
import { replayJournals } from './replay';
import { Snapshot } from './snapshot';
import { writeSnapshotOf } from './snapshot-file';
import { Store } from './store';

export const DEFAULT_SEED_COUNT = 1000;
export const DEFAULT_COMPACT_AFTER = 10_000;

interface OpenOptions {
  path: string;
  seed?: number;
  seedValue?: number;
  reset?: boolean;
  compactAfter?: number;
  /** Set damaged files aside and load what precedes the damage, instead of refusing to start. */
  recover?: boolean;
  /** Start from these instead (`--fixtures`), replacing the database as `seed` does. */
  fixtures?: { customers: Customer[]; auditLog: AuditEntry[] };
  /** Called as seeding goes: customers written so far of `total`. */
  onSeedProgress?: (done: number, total: number) => void;
}

export async function openStore({
  path,
  seed,
  seedValue = 1,
  reset = false,
  compactAfter = DEFAULT_COMPACT_AFTER,
  recover = false,
  fixtures,
  onSeedProgress,
}: OpenOptions): Promise<Store> {
  const created = fixtures !== undefined || seed !== undefined || reset || !existsSync(path);
  if (created) for (const { file } of journalsOf(path)) rmSync(file);
  if (fixtures) await writeSnapshotOf(path, fixtures.customers, fixtures.auditLog, 0);
  else if (created) {
    // Loaded only to seed: the fake-data library is a third of the start-up time.
    const { writeSeeded } = await import('./seed/seed-chunks');
    const count = seed ?? DEFAULT_SEED_COUNT;
    await writeSeeded(path, count, seedValue, (done) => onSeedProgress?.(done, count));
  }
  let recovery: Recovery | undefined;
  let store: Store;
  try {
    store = load(path, compactAfter, recover);
  } catch (error) {
    if (!(error instanceof DamageError) || error.file !== path || !recover) throw error;
    const salvage = salvageSnapshot(path, error, journalsOf(path));
    await writeSnapshotOf(path, salvage.customers, salvage.audit, salvage.generation);
    recovery = salvage.recovery;
    store = load(path, compactAfter, recover);
  }
  store.created = created;
  const replayed = await replayJournals(store, recover);
  recovery ??= replayed;
  if (recovery) store.recovered = recoveryNote(recovery);
  else if (recover)
    store.recovered = '--recover: every line of the database file and its journals was read; nothing is damaged.';
  return store;
}

/** Opens the snapshot, checking its layout. `thorough` (for --recover) also reads every customer line. */
function load(path: string, compactAfter: number, thorough: boolean): Store {
  const snapshot = Snapshot.open(path, thorough);
  try {
    return new Store(snapshot, compactAfter);
  } catch (error) {
    snapshot.close();
    throw error;
  }
}
