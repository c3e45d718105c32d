/**
 * The store: the customers served from memory over an open snapshot, and a write acknowledged only once it is on
 * disk (docs/architecture.md, "The mock API's store"). Unchanged customers are read from the snapshot when used; a
 * write goes to the journal (fdatasync'd), then into memory and the search index, and every so many writes the
 * journal is folded into a new snapshot (compaction.ts). open.ts makes a Store; the routes see it as `Database`.
 */
import type { AuditEntry, Customer, CustomerSummary } from '@/domain/schemas';
import { summaryOf } from '@/domain/schemas';
import { type Compactable, Compactor } from './compaction';
import type { Database } from './index';
import { type JournalLine, JournalWriter, journalPath } from './journal';
import { SearchIndex } from './search/search-index';
import type { Snapshot } from './snapshot';
import type { StorageState } from './storage-error';

export class Store implements Database, Compactable {
  readonly auditLog: AuditEntry[] = [];
  private readonly auditIds = new Set<string>();
  /** Search, and finding a customer by id (search/search-index.ts). */
  readonly search: SearchIndex;
  /** Customers parsed so far, and every customer written since the snapshot. */
  private readonly parsed: (Customer | undefined)[];
  /** Customers' JSON text as read, kept: result pages repeat. */
  private readonly json: (string | undefined)[];
  /** 1 for a customer written since the snapshot: its state is `parsed`, not the snapshot's line. */
  private readonly dirty: Uint8Array;
  private journal: JournalWriter | null = null;
  /** The generation writes go to; a snapshot of a higher one supersedes this store and all its journals. */
  private generation: number;
  private readonly compactor: Compactor;
  /** What `--recover` did, for the start-up message. */
  recovered: string | null = null;
  /** Whether this open made the store anew (seeded, from fixtures, or reset) rather than loading what was there. */
  created = false;

  /** Takes the snapshot over (closing the store closes it). Writes are taken once `openJournal` is called. */
  constructor(
    private readonly snapshot: Snapshot,
    compactAfter: number,
  ) {
    this.generation = snapshot.generation;
    this.search = new SearchIndex(snapshot.blocks);
    this.parsed = new Array<Customer | undefined>(snapshot.count);
    this.json = new Array<string | undefined>(snapshot.count);
    this.dirty = new Uint8Array(snapshot.count);
    snapshot.readAudit((entry) => this.addAudit(entry));
    this.compactor = new Compactor(this, compactAfter);
  }

  get path(): string {
    return this.snapshot.path;
  }

  indexOf(id: string): number | undefined {
    return this.search.indexOf(id);
  }

  get count(): number {
    return this.parsed.length;
  }

  get currentGeneration(): number {
    return this.generation;
  }

  customer(i: number): Customer {
    try {
      this.parsed[i] ??= JSON.parse(this.customerJson(i)) as Customer;
    } catch {
      // Start-up checks the layout, not every customer line (that would be reading them all): found here instead.
      this.json[i] = undefined;
      throw this.snapshot.damagedCustomer(i);
    }
    return this.parsed[i];
  }

  /** A customer's JSON text, straight from the snapshot bytes when it has not changed. */
  customerJson(i: number): string {
    // Kept once read: result pages repeat, and a pread per customer per page adds up.
    this.json[i] ??= this.customerJsonOnce(i);
    return this.json[i];
  }

  /** The same text, not kept: for reading every customer once (an export), which would otherwise keep them all. */
  customerJsonOnce(i: number): string {
    return this.json[i] ?? (this.dirty[i] ? JSON.stringify(this.parsed[i]) : this.snapshot.customerLine(i));
  }

  /** A customer's summary as JSON text (what lists show), read from the snapshot when it has not changed. */
  summaryJson(i: number): string {
    return this.dirty[i] ? JSON.stringify(summaryOf(this.parsed[i]!)) : this.snapshot.summaryLine(i);
  }

  summary(i: number): CustomerSummary {
    return JSON.parse(this.summaryJson(i)) as CustomerSummary;
  }

  /**
   * Makes a write durable (journal append + fdatasync), then applies it. If the disk refuses, throws a StorageError
   * having changed nothing: not the journal (cut back to its last whole line), not the memory.
   */
  commit(customer: Customer, audit: AuditEntry[]): void {
    this.journal!.append(Buffer.from(`${JSON.stringify({ customer, audit } satisfies JournalLine)}\n`));
    this.replay({ customer, audit });
    this.compactor.written();
  }

  /** How the last write to disk went: `full` or `error` until one succeeds again. */
  get storage(): StorageState {
    return this.journal?.state ?? 'ok';
  }

  /** Folds the journals into the snapshot now (as a compaction does after `compactAfter` writes). */
  fold(): Promise<void> {
    return this.compactor.now();
  }

  /** Stops a compaction under way and closes the files. */
  async close(): Promise<void> {
    await this.compactor.stop();
    this.journal?.close();
    this.snapshot.close();
  }

  /** Applies a write that is on disk already: a commit's, or a journal line read back at start (replay.ts). */
  replay({ customer, audit }: JournalLine): void {
    const i = this.indexOf(customer.id);
    if (i === undefined) throw new Error(`the journal names an unknown customer ${customer.id}`);
    const before = this.customer(i);
    this.parsed[i] = customer;
    this.json[i] = undefined;
    this.dirty[i] = 1;
    this.search.update(i, before, customer);
    for (const entry of audit) this.addAudit(entry);
  }

  /** After replaying `lines` lines of the journal of `generation`: writes continue from there. */
  replayed(generation: number, lines: number): void {
    this.generation = generation;
    this.compactor.replayed(lines);
  }

  /** Starts taking writes, in the journal of the current generation. */
  openJournal(): void {
    this.journal = new JournalWriter(journalPath(this.path, this.generation));
  }

  nextJournal(): number {
    // The old journal must end with a whole line (a failed append may not have been cut back yet), and the new one
    // must open, or nothing switches.
    const generation = this.generation + 1;
    this.journal?.settle();
    const journal = new JournalWriter(journalPath(this.path, generation));
    journal.state = this.storage;
    this.journal?.close();
    this.journal = journal;
    this.generation = generation;
    return generation;
  }

  changes(): { audit: AuditEntry[]; changed: string[] } {
    const changed: string[] = [];
    for (let i = 0; i < this.count; i++) if (this.dirty[i]) changed.push(JSON.stringify(this.parsed[i]));
    return { audit: this.auditLog, changed };
  }

  private addAudit(entry: AuditEntry): void {
    if (this.auditIds.has(entry.id)) return;
    this.auditIds.add(entry.id);
    this.auditLog.push(entry);
  }
}
