/**
 * The state the store started from — the seed, the fixtures or the database as loaded, never a later import — kept
 * for a reset (docs/architecture.md, "The start state"). Taken right after the store opens, before any write: the
 * snapshot hard-linked as `<db>.start`, journals holding writes copied beside it and folded in the first time a
 * reset needs them. A reset then costs a file copy (copySnapshot). The files are scratch: removed on close, replaced on the next
 * start.
 */
import { copyFileSync, linkSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { journalPath, journalsOf } from './journal';
import { openStore } from './open';

export class StartState {
  private folded: Promise<void> | null;

  private constructor(
    private readonly path: string,
    hasJournal: boolean,
  ) {
    this.folded = hasJournal ? null : Promise.resolve();
  }

  /** Takes the store's state at `dbPath` as it is on disk now; call it before the first write. */
  static capture(dbPath: string): StartState {
    const path = `${dbPath}.start`;
    StartState.remove(path);
    try {
      linkSync(dbPath, path); // its inode outlives the compactions that replace `dbPath`
    } catch {
      copyFileSync(dbPath, path); // a file system without hard links
    }
    let hasJournal = false;
    for (const { generation, file } of journalsOf(dbPath)) {
      if (statSync(file).size === 0) continue;
      copyFileSync(file, journalPath(path, generation));
      hasJournal = true;
    }
    return new StartState(path, hasJournal);
  }

  /** The start state as one snapshot file (its journals folded in, the first time), for copySnapshot. */
  async snapshot(): Promise<string> {
    this.folded ??= (async () => {
      const store = await openStore({ path: this.path });
      try {
        await store.fold();
      } finally {
        await store.close();
      }
    })().catch((error) => {
      this.folded = null; // tried again by the next reset
      throw error;
    });
    await this.folded;
    return this.path;
  }

  close(): void {
    StartState.remove(this.path);
  }

  private static remove(path: string): void {
    const prefix = basename(path);
    for (const name of readdirSync(dirname(path)))
      if (name === prefix || name.startsWith(`${prefix}.`)) rmSync(join(dirname(path), name), { force: true });
  }
}
