/** Small file-system steps the store repeats. */
import { closeSync, fsyncSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';

/** Makes a file's creation, rename or removal durable: its folder's entry must reach the disk too. */
export function fsyncFolder(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Bytes [start, end) of an open file; fewer at its end. */
export function readAt(fd: number, start: number, end: number): Buffer {
  // Its own memory (never the shared pool, so a typed array over it is aligned), not zero-filled first: only the
  // bytes read are ever handed out.
  const buffer = Buffer.allocUnsafeSlow(end - start);
  let done = 0;
  while (done < buffer.length) {
    const n = readSync(fd, buffer, done, buffer.length - done, start + done);
    if (n === 0) return buffer.subarray(0, done);
    done += n;
  }
  return buffer;
}
