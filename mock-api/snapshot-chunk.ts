/**
 * A run of consecutive customers as the snapshot writer takes them: their JSON lines, their summaries' JSON lines
 * and what search sees of each. Made in a seeding worker, from the old snapshot when compacting, or from parsed
 * customers; its byte arrays can be handed between threads without a copy.
 */
import { type Customer, summaryOf } from '@/domain/schemas';
import { type SearchableCustomer, searchable } from '@/domain/search';

export interface Lines {
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

export function chunkOf(customers: readonly Customer[]): SnapshotChunk {
  const summaries = customers.map(summaryOf);
  return {
    customers: joinLines(customers.map((c) => Buffer.from(JSON.stringify(c)))),
    summaries: joinLines(summaries.map((s) => Buffer.from(JSON.stringify(s)))),
    searchables: summaries.map(searchable),
  };
}
