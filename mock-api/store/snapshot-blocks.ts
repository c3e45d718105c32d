/**
 * Typed blocks in the snapshot file: int32 and float64 arrays as their bytes (little-endian, as every machine
 * this runs on), strings as Latin-1 when they fit, else UTF-16: reading one back is a copy, not a parse.
 */
import { DamageError } from './damage';
import { readAt } from './disk';

export type BlockValue = string | Int32Array | Float64Array;

export interface BlockAt {
  start: number;
  end: number;
  type: 'i32' | 'f64' | 'latin1' | 'utf16le';
}

const SIZE: Record<BlockAt['type'], number> = { i32: 4, f64: 8, latin1: 1, utf16le: 2 };

// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole Latin-1 range, control characters included.
const LATIN1 = /^[\u0000-\u00ff]*$/;

export function blockBytes(value: BlockValue): { bytes: Buffer; type: BlockAt['type'] } {
  if (typeof value === 'string') {
    const type = LATIN1.test(value) ? 'latin1' : 'utf16le';
    return { bytes: Buffer.from(value, type), type };
  }
  return {
    bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength),
    type: value instanceof Int32Array ? 'i32' : 'f64',
  };
}

export function readBlock(fd: number, at: BlockAt, path: string): BlockValue {
  const bytes = readAt(fd, at.start, at.end);
  if (bytes.length !== at.end - at.start)
    throw new DamageError(path, `byte ${at.start + bytes.length}`, 'the file ends inside one of its blocks');
  if (at.type === 'latin1' || at.type === 'utf16le') return bytes.toString(at.type);
  // readAt's buffer is its own, from byte 0: a typed array over it is aligned.
  return at.type === 'i32'
    ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)
    : new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
}

/**
 * What is wrong with a trailer's blocks, or null: they must follow one another from `from` to where the trailer
 * begins (`trailerAt`), each of a known type and a whole number of its items, the line offsets one more than the
 * customers and `lineOf` one per customer.
 */
export function blocksProblem(
  t: { customers: number; end: number; blocks: Record<string, BlockAt> },
  from: number,
  trailerAt: number,
): string | null {
  if (typeof t.blocks !== 'object' || t.blocks === null || !Number.isSafeInteger(t.customers))
    return 'its trailer lists no blocks';
  if (t.end !== trailerAt)
    return `its trailer says the data ends at byte ${t.end}, but the trailer begins at byte ${trailerAt}`;
  const blocks = Object.entries(t.blocks).sort(([, a], [, b]) => a.start - b.start);
  let at = blocks[0]?.[1].start ?? t.end;
  if (!(at >= from)) return `its trailer puts its first block at byte ${at}, before byte ${from}`;
  for (const [name, { start, end, type }] of blocks) {
    const size = SIZE[type];
    if (!size || start !== at || !Number.isSafeInteger(end) || end < start || (end - start) % size)
      return `its trailer puts block ${name} at bytes ${start}–${end}, which do not follow on from byte ${at}`;
    at = end;
  }
  if (at !== t.end) return `its trailer's blocks end at byte ${at}, not at byte ${t.end}`;
  const length = (name: string) =>
    t.blocks[name] ? (t.blocks[name].end - t.blocks[name].start) / SIZE[t.blocks[name].type] : -1;
  for (const [name, items] of [
    ['offsets', t.customers + 1],
    ['summaryOffsets', t.customers + 1],
    ['lineOf', t.customers],
  ] as const)
    if (length(name) !== items) return `its block ${name} holds ${length(name)} items, not ${items}`;
  return null;
}
