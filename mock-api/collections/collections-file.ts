/**
 * Where the other collections live: `<db>.collections.json`, plain `{ "<name>": [ … ] }` as json-server keeps its
 * `db.json`, rewritten whole on every write — json-server's own model, made durable: a temporary file, fsync'd,
 * renamed over the old one, the folder fsync'd, before the answer. That suits the small collections a tester adds;
 * customers are kept otherwise (store/) because rewriting 100k of them per write takes seconds.
 *
 * A reset or an import replaces the customers and these together. The new collections are staged first as
 * `<file>.next-<g>`, where g is the generation of the new snapshot; once the snapshot is renamed in place, the
 * staged file is too. A crash between the two is settled on start: a staged file whose snapshot made it (the store's
 * generation is at least g) is put in place, any other is removed.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Collections } from '../admin/data-set';
import { parseJsonObject } from '../middlewares/json-body';
import { DamageError, fsyncFolder, StorageError } from '../store';

export function collectionsPath(db: string): string {
  return `${db}.collections.json`;
}

const staged = (file: string, generation: number) => `${file}.next-${generation}`;

/** Writes `collections` to `file` durably (temporary file, fsync, rename, folder fsync), or throws a StorageError. */
function writeDurably(file: string, collections: Collections): void {
  const temp = `${file}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(collections, null, 2)}\n`);
    const fd = openSync(temp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    fsyncFolder(file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new StorageError(error, file);
  }
}

export class CollectionsFile {
  constructor(readonly file: string) {}

  private stagedFiles(): string[] {
    const folder = dirname(this.file);
    const prefix = `${basename(this.file)}.next-`;
    return (existsSync(folder) ? readdirSync(folder) : [])
      .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
      .map((name) => join(folder, name));
  }

  /** Settles staged files left by a crash (see above), then reads the collections; none when there is no file. */
  load(generation: number): Collections {
    for (const path of this.stagedFiles()) {
      if (Number(path.slice(path.lastIndexOf('-') + 1)) <= generation) {
        renameSync(path, this.file);
        fsyncFolder(this.file);
      } else {
        rmSync(path);
      }
    }
    if (!existsSync(this.file)) return {};
    const read = parseJsonObject(readFileSync(this.file, 'utf8'));
    if (!read.ok) throw new DamageError(this.file, 'byte 0', read.message);
    for (const [name, items] of Object.entries(read.body))
      if (!Array.isArray(items)) throw new DamageError(this.file, `"${name}"`, 'not a list of objects');
    return read.body as Collections;
  }

  /** A new start (seeded, or from fixtures): these collections, and no staged file of an earlier run. */
  begin(collections: Collections): Collections {
    for (const path of this.stagedFiles()) rmSync(path);
    if (Object.keys(collections).length || existsSync(this.file)) writeDurably(this.file, collections);
    return collections;
  }

  write(collections: Collections): void {
    writeDurably(this.file, collections);
  }

  /** Writes what a swap to generation `generation` will put in place. */
  stage(collections: Collections, generation: number): void {
    writeDurably(staged(this.file, generation), collections);
  }

  /** The swap's snapshot is in place: so are its collections. */
  commit(generation: number): void {
    renameSync(staged(this.file, generation), this.file);
    fsyncFolder(this.file);
  }

  /** The swap did not happen. */
  discard(generation: number): void {
    rmSync(staged(this.file, generation), { force: true });
  }
}
