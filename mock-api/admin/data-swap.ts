/**
 * Replacing all the data at once — a reset to the start state, or an import — as one durable step, like any write: on
 * disk before the answer, and a crash at any moment leaves either the old data or the new, never a mix.
 *
 * With new requests held at the gate (live-store.ts): the new snapshot is written beside the database as
 * `<db>.swap`, of a generation above every journal's, and the new collections staged (collections-file.ts); the
 * store is closed (stopping a compaction); `<db>.swap` is renamed over `<db>` — the moment it happens — and the
 * staged collections put in place; the store opens again, dropping the older journals as superseded. A disk that
 * refuses before the rename leaves everything as it was (507 `storage-full` / 503 `storage-error`).
 */
import { renameSync, rmSync } from 'node:fs';
import type { CollectionsFile } from '../collections/collections-file';
import type { CollectionsRoute } from '../collections/collections-route';
import { fsyncFolder, openStore, StorageError, type Store } from '../store';
import type { Collections } from './data-set';
import type { LiveStore } from './live-store';

export interface Stores {
  live: LiveStore;
  collections: CollectionsRoute;
  collectionsFile: CollectionsFile;
  compactAfter?: number;
}

/** `write(file, generation)` writes the new snapshot; `collections` are the new other collections. */
export function swapData(
  stores: Stores,
  write: (file: string, generation: number) => Promise<void> | void,
  collections: Collections,
): Promise<Store> {
  return stores.live.exclusive(async (db) => {
    const generation = db.currentGeneration + 1;
    const file = `${db.path}.swap`;
    try {
      await write(file, generation);
      stores.collectionsFile.stage(collections, generation);
    } catch (error) {
      rmSync(file, { force: true });
      stores.collectionsFile.discard(generation);
      throw error instanceof StorageError ? error : new StorageError(error, file);
    }
    await db.close();
    try {
      renameSync(file, db.path);
    } catch (error) {
      // Not swapped: the old store is whole; serve it again.
      stores.collectionsFile.discard(generation);
      stores.live.replace(await openStore({ path: db.path, compactAfter: stores.compactAfter }));
      throw new StorageError(error, db.path);
    }
    let unconfirmed: unknown = null;
    try {
      fsyncFolder(db.path);
    } catch (error) {
      unconfirmed = error; // swapped, but the disk did not confirm it: said below, once the new store serves
    }
    stores.collectionsFile.commit(generation);
    stores.collections.replace(collections);
    const next = await openStore({ path: db.path, compactAfter: stores.compactAfter });
    stores.live.replace(next);
    if (unconfirmed) throw new StorageError(unconfirmed, db.path);
    return next;
  });
}
