/**
 * What a tester controls (`/__admin`, and `reset()` of the in-process API): the request journal, the fault rules,
 * and all the data at once — reset to the state the server started from, exported, imported.
 */
import { z } from 'zod/mini';
import { copySnapshot, type StartState, writeSnapshotOf } from '../store';
import type { Collections, DataSet } from './data-set';
import { type Stores, swapData } from './data-swap';
import { FaultRules } from './fault-rules';
import { RequestJournal } from './request-journal';

/** Export is written out in pieces of this many customers. */
const EXPORT_CHUNK = 2000;

export const ResetSummary = z.strictObject({ customers: z.int() });

export const ImportSummary = z.strictObject({
  customers: z.int(),
  auditLog: z.int(),
  /** Items per other collection. */
  collections: z.record(z.string(), z.int()),
});
type ImportSummary = z.infer<typeof ImportSummary>;

export class TesterControl {
  readonly journal = new RequestJournal();
  readonly faults = new FaultRules();

  /** What must forget the data a swap replaced (the `/v1` request ids' remembered answers). */
  private readonly swapListeners: (() => void)[] = [];

  /** The other collections as they were at start (kept in memory: a tester's collections are small). */
  private readonly startCollections: Collections;

  constructor(
    readonly stores: Stores,
    private readonly start: StartState,
    collections: Collections,
  ) {
    this.startCollections = structuredClone(collections);
  }

  onSwap(listener: () => void): void {
    this.swapListeners.push(listener);
  }

  private swapped(): void {
    for (const listener of this.swapListeners) listener();
  }

  /** Removes the start state's scratch files. */
  close(): void {
    this.start.close();
  }

  /** Back to the state the server started from; the request journal and the fault rules are emptied too. */
  async reset(): Promise<z.infer<typeof ResetSummary>> {
    const snapshot = await this.start.snapshot();
    const db = await swapData(
      this.stores,
      (file, generation) => copySnapshot(snapshot, file, generation),
      this.startCollections,
    );
    this.swapped();
    this.journal.clear();
    this.faults.clear();
    return { customers: db.count };
  }

  /** Replaces all the data with `data` (already checked by readDataSet). */
  async import(data: DataSet): Promise<ImportSummary> {
    const db = await swapData(
      this.stores,
      (file, generation) => writeSnapshotOf(file, data.customers, data.auditLog, generation),
      data.collections,
    );
    this.swapped();
    return {
      customers: db.count,
      auditLog: db.auditLog.length,
      collections: Object.fromEntries(Object.entries(data.collections).map(([name, items]) => [name, items.length])),
    };
  }

  /**
   * All the data as `{ customers, auditLog, …collections }` JSON, in pieces. Read while requests wait, so it is one
   * moment's state; sent after.
   */
  exportData(): Promise<string[]> {
    return this.stores.live.exclusive(async (db) => {
      const pieces = ['{"customers":['];
      for (let from = 0; from < db.count; from += EXPORT_CHUNK) {
        const to = Math.min(db.count, from + EXPORT_CHUNK);
        const lines = Array.from({ length: to - from }, (_, k) => db.customerJsonOnce(from + k));
        pieces.push(`${from ? ',' : ''}${lines.join(',')}`);
      }
      pieces.push(`],"auditLog":${JSON.stringify(db.auditLog)}`);
      for (const [name, items] of Object.entries(this.stores.collections.collections))
        pieces.push(`,${JSON.stringify(name)}:${JSON.stringify(items)}`);
      pieces.push('}');
      return pieces;
    });
  }
}
