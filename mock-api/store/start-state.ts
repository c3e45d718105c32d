/**
 * The state the server started from, kept for `POST /__admin/reset`: the seed, the fixtures or the database as
 * loaded (never a later import). Taken right after the store opens, before any write: the snapshot file is
 * hard-linked as `<db>.origin` (its inode outlives the compactions that replace `<db>`), and journals holding writes
 * are copied beside it, to be folded into one snapshot the first time a reset needs it. A reset then costs a copy
 * of that file (Database.copySnapshot). The files are scratch: removed on close, replaced on the next start.
 */
import { copyFileSync, linkSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Collections } from '../admin/data-set';
import { Database } from './database';
import { journalPath, journalsOf } from './journal';

export class Origin {
  private folded: Promise<void> | null;

  private constructor(
    readonly path: string,
    /** The other collections as they were (kept in memory: a tester's collections are small). */
    readonly collections: Collections,
    hasJournal: boolean,
  ) {
    this.folded = hasJournal ? null : Promise.resolve();
  }

  /** Takes the store's state at `dbPath` as it is on disk now; call it before the first write. */
  static capture(dbPath: string, collections: Collections): Origin {
    const path = `${dbPath}.origin`;
    Origin.remove(path);
    try {
      linkSync(dbPath, path);
    } catch {
      copyFileSync(dbPath, path); // a file system without hard links
    }
    let hasJournal = false;
    for (const { generation, file } of journalsOf(dbPath)) {
      if (statSync(file).size === 0) continue;
      copyFileSync(file, journalPath(path, generation));
      hasJournal = true;
    }
    return new Origin(path, structuredClone(collections), hasJournal);
  }

  /** The origin as one snapshot file: its journals folded in, the first time. */
  async snapshot(): Promise<string> {
    this.folded ??= (async () => {
      const db = await Database.open({ path: this.path });
      try {
        await db.fold();
      } finally {
        await db.close();
      }
    })().catch((error) => {
      this.folded = null; // tried again by the next reset
      throw error;
    });
    await this.folded;
    return this.path;
  }

  close(): void {
    Origin.remove(this.path);
  }

  private static remove(path: string): void {
    const prefix = basename(path);
    for (const name of readdirSync(dirname(path)))
      if (name === prefix || name.startsWith(`${prefix}.`)) rmSync(join(dirname(path), name), { force: true });
  }
}
