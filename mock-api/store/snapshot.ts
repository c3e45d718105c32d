/**
 * An open snapshot file: its trailer and blocks read back and checked (copies, no parsing), its customer and summary
 * lines read (pread) when asked for. Immutable: what writes changed since lives in the store (store.ts).
 */
import { closeSync, openSync } from 'node:fs';
import type { AuditEntry } from '@/domain/schemas';
import { DamageError, firstBadLine, offsetsProblem } from './damage';
import { readAt } from './disk';
import { type SearchBlocks, searchBlocksProblem, unflattenSearchBlocks } from './search/search-blocks';
import { readBlock } from './snapshot-blocks';
import { readTrailer, type Trailer } from './snapshot-file';

export class Snapshot {
  private readonly trailer: Trailer;
  /** Byte offsets of each customer's line; offsets[count] is where they end. */
  private readonly offsets: Float64Array;
  /** The same for each customer's summary line. */
  private readonly summaryOffsets: Float64Array;
  /** Record i (customers are numbered in tie order) is line lineOf[i]. */
  private readonly lineOf: Int32Array;
  /** The search index as written (search/search-blocks.ts). */
  readonly blocks: SearchBlocks;

  private constructor(
    readonly path: string,
    private readonly fd: number,
  ) {
    const t = readTrailer(fd, path);
    this.trailer = t;
    const block = (name: string) => readBlock(fd, t.blocks[name], path);
    this.offsets = block('offsets') as Float64Array;
    this.summaryOffsets = block('summaryOffsets') as Float64Array;
    this.lineOf = block('lineOf') as Int32Array;
    const where = (name: string) => `byte ${t.blocks[name].start} (its ${name})`;
    const problem =
      offsetsProblem(this.offsets, t.auditStart) ??
      offsetsProblem(this.summaryOffsets, t.blocks.offsets.start, t.summaryStart);
    if (problem) throw new DamageError(path, where('offsets'), problem);
    this.blocks = unflattenSearchBlocks(block);
    const damage = searchBlocksProblem(this.blocks, this.lineOf, t.customers);
    if (damage) throw new DamageError(path, where(damage.block), damage.problem);
  }

  /** Opens the snapshot, checking its layout. `thorough` (for --recover) also reads every customer line. */
  static open(path: string, thorough: boolean): Snapshot {
    const fd = openSync(path, 'r');
    try {
      const snapshot = new Snapshot(path, fd);
      if (thorough) {
        const bad = firstBadLine(fd, snapshot.offsets);
        if (bad !== null) throw snapshot.damagedLine(bad);
      }
      return snapshot;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  get count(): number {
    return this.trailer.customers;
  }

  get generation(): number {
    return this.trailer.generation;
  }

  /** Record i's customer JSON text, as written. */
  customerLine(i: number): string {
    return this.line(this.offsets, i);
  }

  /** Record i's summary JSON text, as written. */
  summaryLine(i: number): string {
    return this.line(this.summaryOffsets, i);
  }

  private line(offsets: Float64Array, i: number): string {
    const line = this.lineOf[i];
    return readAt(this.fd, offsets[line], offsets[line + 1] - 1).toString('utf8');
  }

  /** The error for record i's customer line when it is not a customer. */
  damagedCustomer(i: number): DamageError {
    return this.damagedLine(this.lineOf[i]);
  }

  private damagedLine(line: number): DamageError {
    return new DamageError(this.path, `line ${line + 1} (byte ${this.offsets[line]})`, 'not a customer');
  }

  /** Hands each audit entry to `add`, in order, checking each line. */
  readAudit(add: (entry: AuditEntry) => void): void {
    const t = this.trailer;
    if (!t.audit) return;
    const lines = readAt(this.fd, t.auditStart, t.summaryStart).toString('utf8').split('\n', t.audit);
    let byte = t.auditStart;
    for (const [k, line] of lines.entries()) {
      let entry: AuditEntry | undefined;
      try {
        entry = JSON.parse(line) as AuditEntry;
      } catch {
        // reported below
      }
      if (typeof entry?.id !== 'string')
        throw new DamageError(this.path, `line ${t.customers + k + 1} (byte ${byte})`, 'not an audit entry');
      add(entry);
      byte += Buffer.byteLength(line) + 1;
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}
