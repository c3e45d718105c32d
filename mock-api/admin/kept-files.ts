/**
 * Hard links to the files a swap replaces or removes (the snapshot, its journals, the collections file), so that a
 * swap failing after the old store was closed can put every one of them back as it was (data-swap.ts).
 */
import { copyFileSync, existsSync, linkSync, renameSync, rmSync } from 'node:fs';
import { fsyncFolder } from '../store';

const copyOf = (file: string) => `${file}.kept`;

export class KeptFiles {
  /** Each file kept, and whether it existed (one that did not is removed on restore). */
  private readonly kept: { file: string; existed: boolean }[] = [];

  /** Keeps `files` as they are now. */
  keep(files: readonly string[]): void {
    for (const file of files) {
      const copy = copyOf(file);
      rmSync(copy, { force: true }); // left by a crash during an earlier swap
      const existed = existsSync(file);
      if (existed) {
        try {
          linkSync(file, copy);
        } catch {
          copyFileSync(file, copy); // a file system without hard links
        }
      }
      this.kept.push({ file, existed });
    }
  }

  /** Puts every kept file back (and removes those that did not exist); `added` are new files to remove too. */
  restore(added: readonly string[]): void {
    for (const file of added) rmSync(file, { force: true });
    for (const { file, existed } of this.kept) {
      if (existed) {
        renameSync(copyOf(file), file);
        // A rename between two links of one file does nothing: the file was never replaced, the copy goes.
        rmSync(copyOf(file), { force: true });
      } else rmSync(file, { force: true });
    }
    if (this.kept.length) fsyncFolder(this.kept[0].file);
  }

  /** The swap is done: the kept copies go. */
  drop(): void {
    for (const { file } of this.kept) rmSync(copyOf(file), { force: true });
  }
}
