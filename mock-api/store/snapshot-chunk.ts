/**
 * A run of consecutive customers as the snapshot writer takes them: their JSON lines, their summaries' JSON lines
 * and what search sees of each. Made in a seeding worker, from the old snapshot when compacting, or from parsed
 * customers; its byte arrays can be handed between threads without a copy.
 */
import { type Customer, summaryOf } from '@/domain/schemas';
import { type SearchableCustomer, searchable } from '@/domain/search';

interface Lines {
  /** Every line, each ending with \n. */
  bytes: Uint8Array;
  /** Where each line ends in `bytes` (just after its \n). */
  ends: Int32Array;
}

export interface SnapshotChunk {
  customers: Lines;
  summaries: Lines;
  searchables: SearchableCustomer[];
}

const NEWLINE = Buffer.from('\n');

export function joinLines(lines: readonly Uint8Array[]): Lines {
  const ends = new Int32Array(lines.length);
  const parts: Uint8Array[] = [];
  let end = 0;
  for (const [k, line] of lines.entries()) {
    parts.push(line, NEWLINE);
    end += line.length + 1;
    ends[k] = end;
  }
  return { bytes: Buffer.concat(parts), ends };
}

/** Each value as a JSON line, written straight into one buffer (a million small buffers kept seeding busy collecting garbage). */
function jsonLines(values: readonly unknown[]): Lines {
  let bytes = Buffer.allocUnsafeSlow(values.length * 1024);
  const ends = new Int32Array(values.length);
  let end = 0;
  for (const [k, value] of values.entries()) {
    const line = `${JSON.stringify(value)}\n`;
    if (bytes.length - end < line.length * 3) {
      const bigger = Buffer.allocUnsafeSlow(bytes.length * 2 + line.length * 3);
      bytes.copy(bigger, 0, 0, end);
      bytes = bigger;
    }
    end += bytes.write(line, end);
    ends[k] = end;
  }
  return { bytes: bytes.subarray(0, end), ends };
}

export function chunkOf(customers: readonly Customer[]): SnapshotChunk {
  const summaries = customers.map(summaryOf);
  return { customers: jsonLines(customers), summaries: jsonLines(summaries), searchables: summaries.map(searchable) };
}
