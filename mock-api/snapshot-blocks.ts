/**
 * Typed blocks in the snapshot file: int32 and float64 arrays as their bytes (little-endian, as every machine
 * this runs on), strings as Latin-1 when they fit, else UTF-16: reading one back is a copy, not a parse.
 */
import { readSync } from 'node:fs';

export type BlockValue = string | Int32Array | Float64Array;

export interface BlockAt {
  start: number;
  end: number;
  type: 'i32' | 'f64' | 'latin1' | 'utf16le';
}

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

/** `end - start` bytes of `fd` from `start`, in a buffer of their own (so typed arrays over it are aligned). */
export function readBytes(fd: number, start: number, end: number): Buffer {
  // Never from the shared pool, and not zero-filled first: every byte is read into it.
  const buffer = Buffer.allocUnsafeSlow(end - start);
  for (let done = 0; done < buffer.length; ) {
    const n = readSync(fd, buffer, done, buffer.length - done, start + done);
    if (n === 0) throw new Error(`the database file ends before byte ${start + buffer.length}`);
    done += n;
  }
  return buffer;
}

export function readBlock(fd: number, at: BlockAt): BlockValue {
  const bytes = readBytes(fd, at.start, at.end);
  if (at.type === 'latin1' || at.type === 'utf16le') return bytes.toString(at.type);
  return at.type === 'i32'
    ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)
    : new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
}
