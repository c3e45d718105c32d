/**
 * Damaged files are named, never silently dropped (docs/architecture.md, "Damage"): the checks start-up runs, and the
 * errors for a file that cannot be loaded — a DamageError naming the file, the line or byte and what to do, or a file
 * this version does not read.
 */
import type { Customer } from '@/domain/schemas';
import { readAt } from './disk';

/** Whether a parsed line is a customer (its whole shape is checked where it is used). */
export const isCustomer = (value: unknown): value is Customer =>
  typeof (value as Customer)?.id === 'string' &&
  typeof (value as Customer).companyProfile === 'object' &&
  // A summary line has a company profile too, but no purchase permission.
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
 * A file this version does not read: not damage, so `--recover` does not apply; `what` says what it is instead. The
 * file is left as it is.
 */
export function unreadable(path: string, what: string): Error {
  return new Error(
    `${path} ${what}. Nothing was changed. Start with --reset (or --seed N) to make a new database in its place, or ` +
      'with --fixtures <file.json> to start from data as GET /__admin/export writes it.',
  );
}

/**
 * The error for a snapshot without a trailer: damage when it begins like one of ours (a customer line); else an
 * older database (the first versions kept one JSON document, `{ "customers": [...], ... }`) or no database at all.
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
  if (!ours && /^\s*\{\s*"customers"\s*:/.test(head))
    return unreadable(
      path,
      'is one JSON document { "customers": … } (an export, or a database of the first versions), not a database this version reads',
    );
  if (!ours && size > 0) return unreadable(path, 'is not a Customer Desk database');
  return new DamageError(
    path,
    `byte ${size} (line ${newlinesBefore(fd, size) + 1})`,
    size
      ? 'the file ends there without the trailer that closes a Customer Desk database: it was cut short, or its last line is garbled'
      : 'the file is empty',
  );
}
