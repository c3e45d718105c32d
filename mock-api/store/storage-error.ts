/**
 * A write the disk refused. The API answers it 507 `storage-full` (no space, or over quota: freeing space helps)
 * or 503 `storage-error` (any other I/O error), never a false "saved"; `/health` reports the last outcome.
 */
export type StorageState = 'ok' | 'full' | 'error';

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

export class StorageError extends Error {
  readonly state: Exclude<StorageState, 'ok'>;

  constructor(cause: unknown, file: string) {
    const code = (cause as NodeJS.ErrnoException).code;
    const state = code && FULL_CODES.has(code) ? 'full' : 'error';
    super(
      state === 'full'
        ? `The write was not saved: the disk is full (${code} writing ${file}). Nothing changed; free some space and send it again.`
        : `The write was not saved: the disk failed (${code ?? (cause as Error).message} writing ${file}). Nothing changed; try again.`,
      { cause },
    );
    this.state = state;
  }

  get status(): 507 | 503 {
    return this.state === 'full' ? 507 : 503;
  }

  get code(): 'storage-full' | 'storage-error' {
    return this.state === 'full' ? 'storage-full' : 'storage-error';
  }
}
