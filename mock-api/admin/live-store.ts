/**
 * The store the routes use, and putting another in its place. Every route holds `db`, which always answers as the
 * current Store; a reset or an import opens a new one and swaps it in. While it does, new requests wait at the
 * gate and those already past it finish first, so no request ever sees a store being closed.
 */
import type { RequestHandler } from 'express';
import type { Database, Store } from '../store';

export class LiveStore {
  /** Always the current store: reading a member of it reads the current Store's. */
  readonly db: Database;
  private current: Store;
  /** Members of the current store, bound to it, made once per store. */
  private bound = new Map<PropertyKey, unknown>();
  private inFlight = 0;
  private drained: (() => void) | null = null;
  /** Settles when the swap under way is done; null when none is. */
  private held: Promise<void> | null = null;
  /** Swaps run one after another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(db: Store) {
    this.current = db;
    this.db = new Proxy({} as Store, {
      get: (_target, key) => {
        const value: unknown = Reflect.get(this.current, key, this.current);
        if (typeof value !== 'function') return value;
        if (!this.bound.has(key)) this.bound.set(key, value.bind(this.current));
        return this.bound.get(key);
      },
    });
  }

  /**
   * Counts the requests that use the store; during a swap they wait here until it is done. A request whose client
   * left while it waited (here, or in a fault's latency) goes no further: nobody will read its answer, and its
   * response will never say it finished, so counting it would hold the next swap, and `close()`, forever.
   */
  readonly gate: RequestHandler = (_req, res, next) => {
    const enter = () => {
      if (res.closed) return;
      this.inFlight++;
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        if (--this.inFlight === 0) this.drained?.();
      };
      res.on('finish', leave);
      res.on('close', leave);
      next();
    };
    if (this.held) this.held.then(enter);
    else enter();
  };

  /**
   * Runs `work` alone with the current store: new requests wait, the ones in flight finish first. `work` may
   * `replace` the store; whatever it answers or throws, the waiting requests go on afterwards.
   */
  exclusive<T>(work: (db: Store) => Promise<T>): Promise<T> {
    const run = async () => {
      let release = () => {};
      this.held = new Promise((done) => {
        release = done;
      });
      try {
        if (this.inFlight > 0) await new Promise<void>((done) => (this.drained = done));
        this.drained = null;
        return await work(this.current);
      } finally {
        this.held = null;
        release();
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => {});
    return result;
  }

  /** From now on, `db` is `next`. */
  replace(next: Store): void {
    this.current = next;
    this.bound = new Map();
  }
}
