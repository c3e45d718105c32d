/**
 * `--recover` (docs/architecture.md, "Damage"): the damaged file and every journal after the damage set aside as
 * `<file>.damaged-<time>`, what precedes the damage salvaged, and the note saying what was kept and dropped.
 */
import { copyFileSync, linkSync, readFileSync } from 'node:fs';
import type { AuditEntry, Customer } from '@/domain/schemas';
import { type DamageError, isCustomer } from './damage';
import { fsyncFolder } from './disk';
import { type JournalFile, lineCount, readJournal } from './journal';

export interface Recovery {
  damage: DamageError;
  kept: string;
  dropped: string;
  /** The set-aside copies. */
  asides: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const journalEntries = (n: number) => plural(n, 'journal entry', 'journal entries');

export function recoveryNote({ damage, kept, dropped, asides }: Recovery): string {
  return (
    `--recover: ${damage.file} was damaged at ${damage.where}: ${damage.problem}.\n` +
    `  kept: ${kept}\n  dropped: ${dropped}\n  set aside: ${asides.join(', ')}`
  );
}

/** Links each file to `<file>.damaged-<time>` (a copy where the file system has no hard links). */
export function setAside(files: readonly string[]): string[] {
  const time = new Date().toISOString().replace(/[:.]/g, '-');
  const asides = files.map((file) => {
    const aside = `${file}.damaged-${time}`;
    try {
      linkSync(file, aside);
    } catch {
      copyFileSync(file, aside);
    }
    return aside;
  });
  if (files.length) fsyncFolder(files[0]);
  return asides;
}

/** How many entries these journals hold: what a recovery drops with them. */
export function entriesIn(journals: readonly JournalFile[]): number {
  return journals.reduce((sum, j) => sum + lineCount(j.file), 0);
}

const isAudit = (v: unknown): v is AuditEntry =>
  typeof (v as AuditEntry)?.id === 'string' && typeof (v as AuditEntry).customerId === 'string';

/** The trailer's counts, when its line is still readable. */
function counts(bytes: Buffer): { customers: number; audit: number; generation: number } | null {
  const start = bytes.lastIndexOf(0x0a, bytes.length - 2);
  try {
    const t = JSON.parse(bytes.toString('utf8', start + 1)) as { customers: number; audit: number; generation: number };
    return [t.customers, t.audit, t.generation].every(Number.isSafeInteger) ? t : null;
  } catch {
    return null;
  }
}

interface Salvage {
  customers: Customer[];
  audit: AuditEntry[];
  /** The generation the new snapshot must have: newer than every journal folded into it. */
  generation: number;
  recovery: Recovery;
}

/**
 * A damaged snapshot read line by line: its customer lines, then its audit lines, up to the first line that is
 * neither; then the journals, in order, up to the first damaged line. Journal lines hold a customer's whole state,
 * so they also bring back customers whose snapshot line was lost.
 */
export function salvageSnapshot(path: string, damage: DamageError, journals: readonly JournalFile[]): Salvage {
  const bytes = readFileSync(path);
  const trailer = counts(bytes);
  const customers = new Map<string, Customer>();
  const audit = new Map<string, AuditEntry>();
  let at = 0;
  for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, at)) {
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8', at, end));
    } catch {
      break;
    }
    if (isCustomer(value) && !audit.size) customers.set(value.id, value);
    else if (isAudit(value)) audit.set(value.id, value);
    else break;
    at = end + 1;
  }
  const fromSnapshot = { customers: customers.size, audit: audit.size };
  const dropped = trailer
    ? `${plural(trailer.customers - customers.size, 'customer')} and ${plural(trailer.audit - audit.size, 'audit entry', 'audit entries')} of the database file`
    : `the database file from byte ${at} on (${bytes.length - at} bytes; how many customers they held is lost with the trailer that counted them)`;

  const live = journals.filter((j) => j.generation >= (trailer?.generation ?? 0));
  let used = 0;
  let lost = 0;
  const damaged: string[] = [path];
  for (const [n, { file }] of live.entries()) {
    const read = readJournal(file, n === live.length - 1);
    for (const entry of read.entries) {
      customers.set(entry.customer.id, entry.customer);
      for (const a of entry.audit) audit.set(a.id, a);
    }
    used += read.entries.length;
    if (read.damage) {
      lost = read.damage.lines + entriesIn(live.slice(n + 1));
      damaged.push(file, ...live.slice(n + 1).map((j) => j.file));
      break;
    }
  }
  const generation = Math.max(trailer?.generation ?? 0, ...journals.map((j) => j.generation)) + 1;
  return {
    customers: [...customers.values()],
    audit: [...audit.values()],
    generation,
    recovery: {
      damage,
      kept: `${plural(fromSnapshot.customers, 'customer')} and ${plural(fromSnapshot.audit, 'audit entry', 'audit entries')} from the database file, then ${journalEntries(used)}`,
      dropped: `${dropped}${lost ? `, and ${journalEntries(lost)} after a damaged journal line` : ''}`,
      asides: setAside(damaged),
    },
  };
}
