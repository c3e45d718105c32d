/**
 * Replacing all the data at once — a reset to the start state, or an import — as one durable step, like any write: on
 * disk before the answer, and a crash at any moment leaves either the old data or the new, never a mix. All or
 * nothing (docs/architecture.md, "Replacing all the data"): everything new is built and checked before the old state
 * is touched, and a failure at any later step puts the old files back and serves the old data again.
 *
 * With new requests held at the gate (live-store.ts): the new collections' router is made, the new snapshot written
 * beside the database as `<db>.swap`, of a generation above every journal's, and the new collections staged
 * (collections-file.ts). Then the store is closed (stopping a compaction), the old files kept as hard links
 * (kept-files.ts), `<db>.swap` renamed over `<db>` — the moment it happens — the store opened again (dropping the
 * older journals as superseded) and the staged collections put in place. A disk that refuses is a 507
 * `storage-full` / 503 `storage-error` with everything as it was.
 */
import { renameSync, rmSync } from 'node:fs';
import type { CollectionsFile } from '../collections/collections-file';
import type { CollectionsRoute } from '../collections/collections-route';
import { fsyncFolder, journalsOf, openStore, StorageError, type Store } from '../store';
import type { Collections } from './data-set';
import { KeptFiles } from './kept-files';
import type { LiveStore } from './live-store';

export interface Stores {
  live: LiveStore;
  collections: CollectionsRoute;
  collectionsFile: CollectionsFile;
  compactAfter?: number;
}

const storageError = (error: unknown, file: string) =>
  error instanceof StorageError ? error : new StorageError(error, file);

/** `write(file, generation)` writes the new snapshot; `collections` are the new other collections. */
export function swapData(
  stores: Stores,
  write: (file: string, generation: number) => Promise<void> | void,
  collections: Collections,
): Promise<Store> {
  const open = (path: string) => openStore({ path, compactAfter: stores.compactAfter });
  return stores.live.exclusive(async (db) => {
    const generation = db.currentGeneration + 1;
    const file = `${db.path}.swap`;
    const unstage = () => {
      rmSync(file, { force: true });
      stores.collectionsFile.discard(generation);
    };
    let serveCollections: () => void;
    try {
      serveCollections = stores.collections.prepare(collections);
      await write(file, generation);
      stores.collectionsFile.stage(collections, generation);
    } catch (error) {
      unstage();
      throw storageError(error, file);
    }
    const kept = new KeptFiles();
    let next: Store | undefined;
    try {
      await db.close();
      kept.keep([db.path, ...journalsOf(db.path).map((j) => j.file), stores.collectionsFile.file]);
      renameSync(file, db.path);
      fsyncFolder(db.path);
      next = await open(db.path);
      stores.collectionsFile.commit(generation);
    } catch (error) {
      // Never a half-closed store: the old files back in place, the old data served again.
      await next?.close().catch(() => {});
      unstage();
      kept.restore(
        journalsOf(db.path)
          .filter((j) => j.generation >= generation)
          .map((j) => j.file),
      );
      stores.live.replace(await open(db.path));
      throw storageError(error, db.path);
    }
    kept.drop();
    serveCollections();
    stores.live.replace(next);
    return next;
  });
}
