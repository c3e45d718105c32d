/**
 * Growing lists for building the search blocks of a million customers without a million small objects: every
 * string the builder keeps alive is one more object for each garbage collection to mark, and at a million
 * customers that marking cost more than the sorting.
 */

/** A growing list of int32s in one typed array. */
export class IntList {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }

  values(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Strings packed as a few long ones (`PER_PART` strings each) and their lengths; cheap to hand to another thread. */
export interface Packed {
  parts: string[];
  lengths: Int32Array;
}

const PER_PART = 4096;

export class StringList {
  private readonly parts: string[] = [];
  private pending: string[] = [];
  private readonly lengths = new IntList();

  push(text: string): void {
    this.pending.push(text);
    this.lengths.push(text.length);
    if (this.pending.length === PER_PART) this.flush();
  }

  private flush(): void {
    this.parts.push(this.pending.join(''));
    this.pending = [];
  }

  packed(): Packed {
    if (this.pending.length) this.flush();
    return { parts: this.parts, lengths: this.lengths.values() };
  }
}

/** The strings again: each part holds `PER_PART` of them back to back. */
export function unpack({ parts, lengths }: Packed): string[] {
  const strings = new Array<string>(lengths.length);
  for (let p = 0; p < parts.length; p++) {
    let at = 0;
    for (let i = p * PER_PART; i < Math.min(lengths.length, (p + 1) * PER_PART); i++) {
      strings[i] = parts[p].slice(at, at + lengths[i]);
      at += lengths[i];
    }
  }
  return strings;
}
