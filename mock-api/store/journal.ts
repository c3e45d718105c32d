/**
 * One journal file, `<db>.journal-<generation>`: a JSON line per acknowledged write (docs/architecture.md, "The mock
 * API's store"). An append is all or nothing: fdatasync'd before it returns, or cut back to the last whole line and
 * a StorageError thrown. Reading tells a torn last line (a crash mid-append) from damage, which it names.
 */
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AuditEntry, Customer } from '@/domain/schemas';
import { fsyncFolder } from './disk';
import { StorageError, type StorageState } from './storage-error';

export interface JournalLine {
  customer: Customer;
  audit: AuditEntry[];
}

export interface JournalFile {
  generation: number;
  file: string;
}

export function journalPath(db: string, generation: number): string {
  return `${db}.journal-${generation}`;
}

/** The journals beside `db`, oldest first. Set-aside copies (`….damaged-<time>`) are not among them. */
export function journalsOf(db: string): JournalFile[] {
  if (!existsSync(dirname(db))) return [];
  const prefix = `${basename(db)}.journal-`;
  return readdirSync(dirname(db))
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => ({ generation: Number(name.slice(prefix.length)), file: join(dirname(db), name) }))
    .sort((a, b) => a.generation - b.generation);
}

export class JournalWriter {
  private readonly fd: number;
  /** Bytes of whole, acknowledged lines. */
  private size: number;
  /** A failed append left bytes past `size` that could not be cut off yet. */
  private torn = false;
  /** How the last append went. */
  state: StorageState = 'ok';

  constructor(readonly file: string) {
    const created = !existsSync(file);
    this.fd = openSync(file, 'a');
    this.size = fstatSync(this.fd).size;
    // A new journal's name must be on disk before a line in it is acknowledged.
    if (created) fsyncFolder(file);
  }

  /** Appends one line durably, or throws a StorageError having left the file as it was. */
  append(line: Buffer): void {
    try {
      if (this.torn) this.cutBack();
      for (let done = 0; done < line.length; ) {
        const wrote = writeSync(this.fd, line, done, line.length - done);
        // A regular file takes some bytes or fails; taking none would loop forever.
        if (wrote <= 0) throw Object.assign(new Error('the disk took no more bytes'), { code: 'ENOSPC' });
        done += wrote;
      }
      fdatasyncSync(this.fd);
    } catch (error) {
      const refused = new StorageError(error, this.file);
      this.state = refused.state;
      this.torn = true;
      try {
        this.cutBack();
      } catch {
        // Still torn: the next append cuts first, or fails as this one did.
      }
      throw refused;
    }
    this.size += line.length;
    this.state = 'ok';
  }

  /** Before the journal is left for a newer one: it must end with a whole line, or a later start sees damage. */
  settle(): void {
    if (this.torn) this.cutBack();
  }

  close(): void {
    closeSync(this.fd);
  }

  private cutBack(): void {
    ftruncateSync(this.fd, this.size);
    fdatasyncSync(this.fd);
    this.torn = false;
  }
}

/** One journal line, read back. */
interface JournalEntry extends JournalLine {
  /** 1-based line number, for messages. */
  line: number;
}

export interface JournalRead {
  entries: JournalEntry[];
  /** Where the whole lines end: bytes past it are a torn last line. */
  complete: number;
  size: number;
  /** The first damaged line: what is wrong, and how many lines from it to the end are lost with it. */
  damage?: { line: number; byte: number; problem: string; lines: number };
}

/** The entry a line holds, or what is wrong with it. */
function parseLine(text: string, known: (id: string) => boolean): JournalLine | string {
  let value: Partial<JournalLine>;
  try {
    value = JSON.parse(text) as Partial<JournalLine>;
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  const { customer, audit } = value ?? {};
  if (typeof customer?.id !== 'string' || !Array.isArray(audit) || audit.some((a) => typeof a?.id !== 'string'))
    return 'not a journal entry ({"customer":…,"audit":[…]})';
  if (!known(customer.id)) return `it names a customer the database does not hold (${customer.id})`;
  return value as JournalLine;
}

function linesIn(bytes: Buffer, from: number): number {
  let lines = 0;
  for (let at = bytes.indexOf(0x0a, from); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines++;
  return lines;
}

/**
 * Reads a journal and checks every line. `last`: the newest journal, where a torn last line is expected after a
 * crash; elsewhere it is damage. `known` says whether a customer id exists (when the caller can tell yet).
 */
export function readJournal(file: string, last: boolean, known: (id: string) => boolean = () => true): JournalRead {
  const bytes = readFileSync(file);
  const entries: JournalEntry[] = [];
  let complete = 0;
  for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, complete)) {
    const parsed = parseLine(bytes.toString('utf8', complete, end), known);
    const line = entries.length + 1;
    if (typeof parsed === 'string') {
      const damage = { line, byte: complete, problem: parsed, lines: linesIn(bytes, complete) };
      return { entries, complete, size: bytes.length, damage };
    }
    entries.push({ ...parsed, line });
    complete = end + 1;
  }
  if (complete < bytes.length && !last) {
    const problem = 'the line is cut short, yet newer journals follow it';
    const damage = { line: entries.length + 1, byte: complete, problem, lines: 1 };
    return { entries, complete, size: bytes.length, damage };
  }
  return { entries, complete, size: bytes.length };
}

/** How many entries a journal holds, damaged or not (for saying how many a recovery dropped). */
export function lineCount(file: string): number {
  return linesIn(readFileSync(file), 0);
}

/** Cuts a torn last line (a crash mid-append) off, durably, so that the next append starts on a line of its own. */
export function cutTornLine(file: string, complete: number): void {
  const fd = openSync(file, 'r+');
  try {
    ftruncateSync(fd, complete);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
