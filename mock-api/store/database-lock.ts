/**
 * One server per database file: `<db>.lock` holds the pid of the server using it. Two servers on one database would
 * each overwrite the other's writes, and after a reset on one the other would acknowledge writes into a removed
 * journal. A lock whose process is gone (killed, crashed) is taken over; nobody has to delete it.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The database is in use by a running process: the message names the file and the process. */
export class DatabaseInUseError extends Error {}

export const lockPath = (db: string) => `${db}.lock`;

function holderOf(lock: string): number | null {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

export class DatabaseLock {
  private constructor(private readonly lock: string) {}

  /** Takes the lock of `db`, or throws DatabaseInUseError naming the running server. */
  static acquire(db: string): DatabaseLock {
    const lock = lockPath(db);
    const mine = `${lock}.${process.pid}`;
    mkdirSync(dirname(db), { recursive: true }); // a new database's folder (the package's default, .customer-desk/)
    // Written whole under another name first, then linked (fails if a lock exists) or renamed into place: a reader
    // never sees a lock without its pid.
    writeFileSync(mine, `${process.pid}\n`);
    try {
      try {
        linkSync(mine, lock);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = holderOf(lock);
        if (holder !== null && alive(holder))
          throw new DatabaseInUseError(
            `The database ${db} is in use by another mock API server (process ${holder}, lock file ${lock}). ` +
              'Stop that server first, or start this one with another --db.',
          );
        renameSync(mine, lock); // the process that held it is gone: taken over
      }
    } finally {
      rmSync(mine, { force: true });
    }
    return new DatabaseLock(lock);
  }

  /** Gives the lock up (if it is still this process's). */
  release(): void {
    if (existsSync(this.lock) && holderOf(this.lock) === process.pid) rmSync(this.lock, { force: true });
  }
}
