/**
 * Replay at start (docs/architecture.md, "The mock API's store"): the journals of the snapshot's generation or
 * newer, in order, every line checked before any file changes. A torn last line of the newest journal (a crash
 * mid-append, never acknowledged) is cut off; any other damage throws a DamageError, or with `--recover` what
 * precedes it is kept, the damaged journal and all newer ones set aside, and the rest folded into a new snapshot.
 * Replay is idempotent: a line holds the customer's whole new state, and audit entries have ids.
 */
import { rmSync } from 'node:fs';
import { DamageError } from './damage';
import { cutTornLine, type JournalRead, journalsOf, readJournal } from './journal';
import { entriesIn, journalEntries, type Recovery, setAside } from './recover';
import type { Store } from './store';

/** Replays the journals into `store` and opens it for writes; what `--recover` did, if it found damage. */
export async function replayJournals(store: Store, recover: boolean): Promise<Recovery | undefined> {
  const all = journalsOf(store.path);
  const journals = all.filter((j) => j.generation >= store.currentGeneration);
  const known = (id: string) => store.indexOf(id) !== undefined;
  const reads: JournalRead[] = [];
  for (const [n, { file }] of journals.entries()) {
    reads.push(readJournal(file, n === journals.length - 1, known));
    if (reads[n].damage) break;
  }
  const damage = reads.at(-1)?.damage;
  const dropped = damage ? damage.lines + entriesIn(journals.slice(reads.length)) : 0;
  const error =
    damage &&
    new DamageError(
      journals[reads.length - 1].file,
      `line ${damage.line} (byte ${damage.byte})`,
      damage.problem,
      `Loading stops there: the ${journalEntries(dropped)} from that line on cannot be loaded.`,
    );
  if (error && !recover) throw error;

  // Nothing is damaged (or the damage is being recovered): now files may change.
  for (const j of all) if (j.generation < store.currentGeneration) rmSync(j.file); // in the snapshot: a compaction stopped before deleting it
  let kept = 0;
  for (const [n, read] of reads.entries()) {
    for (const entry of read.entries) store.replay(entry);
    kept += read.entries.length;
    store.replayed(journals[n].generation, read.entries.length);
    // A torn last line: written, never fsync'd, never acknowledged. Cut so that new lines start clean.
    if (!read.damage && read.complete < read.size) cutTornLine(journals[n].file, read.complete);
  }
  if (!error) {
    store.openJournal();
    return undefined;
  }

  const asides = setAside(journals.slice(reads.length - 1).map((j) => j.file));
  // The new snapshot's generation is above every journal's, so all of them, the damaged ones too, become obsolete.
  store.replayed(journals[journals.length - 1].generation, 0);
  await store.fold();
  return {
    damage: error,
    kept: `the database file and the ${journalEntries(kept)} before the damage`,
    dropped: journalEntries(dropped),
    asides,
  };
}
