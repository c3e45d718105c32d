/**
 * Damaged files are named, never silently dropped. Start-up checks what it reads — the snapshot's trailer and the
 * byte offsets in it, its audit lines, every journal line — and on damage (anything but a torn last journal line)
 * refuses to start with a DamageError that names the file, the line or byte, and what to do. Nothing is rewritten
 * on the way: the files stay as they were for the tester to inspect, back up or `--recover` (recover.ts).
 */
import type { Customer } from '@/domain/schemas';
import { readAt } from './disk';

/** Whether a parsed line is a customer (its whole shape is checked where it is used). */
export const isCustomer = (value: unknown): value is Customer =>
  typeof (value as Customer)?.id === 'string' &&
  typeof (value as Customer).companyProfile === 'object' &&
  // A summary line (database.ts) has a company profile too, but no purchase permission.
  typeof (value as Customer).purchasePermission === 'object';

const ADVICE =
  'Nothing was changed. Run again with --recover to move the damaged files aside (<file>.damaged-<time>) and load ' +
  'everything that precedes the damage, or restore the files from a backup.';

export class DamageError extends Error {
  /** `where`: "line 7 (byte 1234)" or "byte 1234". */
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
    consequence = '',
  ) {
    super(`${file} is damaged at ${where}: ${problem}.${consequence ? ` ${consequence}` : ''}\n${ADVICE}`);
  }
}

/** The layout a format-2 snapshot's trailer declares (the format before; database.ts converts such a file once). */
export interface Layout {
  customers: number;
  audit: number;
  auditStart: number;
  searchStart: number;
  idsStart: number;
  offsetsStart: number;
  grams?: { starts: number; records: number; owner: number; end: number }[];
  end: number;
}

const isCount = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * What is wrong with a trailer's layout, or null: every block must lie between the customer lines and the trailer
 * (which begins at `trailerAt`), in order, each as long as its items need.
 */
export function layoutProblem(t: Layout, trailerAt: number): string | null {
  const grams = t.grams ?? [];
  const numbers = [t.customers, t.audit, t.auditStart, t.searchStart, t.idsStart, t.offsetsStart, t.end];
  if (
    !Array.isArray(grams) ||
    ![...numbers, ...grams.flatMap((g) => [g.starts, g.records, g.owner, g.end])].every(isCount)
  )
    return 'its trailer holds something other than counts and byte offsets';
  if (t.end !== trailerAt)
    return `its trailer says the data ends at byte ${t.end}, but the trailer begins at byte ${trailerAt}`;
  const offsetsEnd = t.offsetsStart + 8 * (t.customers + 1);
  // [start, end, item size] of each block, in file order.
  const blocks: [string, number, number, number][] = [
    ['the audit lines', t.auditStart, t.searchStart, 1],
    ['the search texts', t.searchStart, t.idsStart, 2],
    ['the ids', t.idsStart, t.offsetsStart, 1],
    ['the line offsets', t.offsetsStart, offsetsEnd, 8],
    ...grams.flatMap((g, n): [string, number, number, number][] => [
      [`n-gram table ${n + 1}`, g.starts, g.records, 4],
      [`n-gram table ${n + 1}'s records`, g.records, g.owner, 4],
      [`n-gram table ${n + 1}'s owners`, g.owner, g.end, 8],
    ]),
  ];
  let at = t.auditStart;
  for (const [name, start, end, size] of blocks) {
    if (start !== at || end < start || (end - start) % size)
      return `its trailer puts ${name} at bytes ${start}–${end}, which do not follow on from byte ${at}`;
    at = end;
  }
  return at === t.end ? null : `its trailer's blocks end at byte ${at}, not at byte ${t.end}`;
}

/** Where each line begins: the offsets must rise from `start` (the first line) to `end` (what follows the lines). */
export function offsetsProblem(offsets: Float64Array, end: number, start = 0): string | null {
  if (offsets[0] !== start) return `its line offsets begin at byte ${offsets[0]}, not ${start}`;
  for (let i = 1; i < offsets.length; i++) {
    if (!(offsets[i] > offsets[i - 1]))
      return `its offset for customer line ${i + 1} (${offsets[i]}) does not follow line ${i}'s`;
  }
  const last = offsets[offsets.length - 1];
  return last === end ? null : `its lines end at byte ${last}, not at byte ${end} where what follows them begins`;
}

/** The first customer line that is not a customer's JSON, or null. It reads them all: for --recover only. */
export function firstBadLine(fd: number, offsets: Float64Array): number | null {
  const count = offsets.length - 1;
  for (let from = 0, to = 0; from < count; from = to) {
    while (to < count && (to === from || offsets[to + 1] - offsets[from] < 1 << 24)) to++;
    const chunk = readAt(fd, offsets[from], offsets[to]);
    for (let i = from; i < to; i++) {
      try {
        if (
          !isCustomer(
            JSON.parse(chunk.toString('utf8', offsets[i] - offsets[from], offsets[i + 1] - offsets[from] - 1)),
          )
        )
          return i;
      } catch {
        return i;
      }
    }
  }
  return null;
}

function newlinesBefore(fd: number, end: number): number {
  let lines = 0;
  for (let from = 0; from < end; from += 1 << 24) {
    const chunk = readAt(fd, from, Math.min(end, from + (1 << 24)));
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines++;
  }
  return lines;
}

/**
 * The error for a snapshot without a trailer: damage when it begins like one of ours (a customer line), else a file
 * that is not a database at all.
 */
export function missingTrailer(fd: number, path: string, size: number): Error {
  const head = readAt(fd, 0, Math.min(size, 64 * 1024)).toString('utf8');
  const first = head.slice(0, head.indexOf('\n') + 1 || undefined);
  let ours = false;
  try {
    ours = isCustomer(JSON.parse(first));
  } catch {
    // not JSON: not one of ours
  }
  if (!ours && size > 0)
    return new Error(`${path} is not a Customer Desk database; start with --reset (or --seed N) to recreate it.`);
  return new DamageError(
    path,
    `byte ${size} (line ${newlinesBefore(fd, size) + 1})`,
    size
      ? 'the file ends there without the trailer that closes a Customer Desk database: it was cut short, or its last line is garbled'
      : 'the file is empty',
  );
}
