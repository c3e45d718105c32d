/**
 * What `--rotate-refresh-tokens` must remember of refresh tokens, kept beside the signing key
 * (`<db>.refresh-tokens.json`, git-ignored) so that a restart neither revives a used token nor forgives a revoked
 * family: the ids of used tokens and the families revoked, each until the token would have expired anyway.
 * Without the flag nothing is written: a refresh token is a signed JWT, valid until its `exp` across restarts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeJsonFile } from './json-file';

interface LedgerFile {
  /** Used token id → its expiry (epoch seconds). */
  spent: Record<string, number>;
  /** Revoked family (the id of the family's first token) → its expiry. */
  revoked: Record<string, number>;
}

export type Redeemed = 'ok' | 'reused' | 'revoked';

export const refreshLedgerPath = (dbPath: string) => `${dbPath}.refresh-tokens.json`;

export class RefreshLedger {
  private constructor(
    private readonly path: string,
    private readonly file: LedgerFile,
  ) {}

  static open(dbPath: string): RefreshLedger {
    const path = refreshLedgerPath(dbPath);
    if (!existsSync(path)) return new RefreshLedger(path, { spent: {}, revoked: {} });
    try {
      const file = JSON.parse(readFileSync(path, 'utf8')) as LedgerFile;
      if (typeof file.spent === 'object' && typeof file.revoked === 'object') return new RefreshLedger(path, file);
    } catch {
      // reported below
    }
    throw new Error(`${path} is not a refresh-token ledger. Delete it to forget which refresh tokens were used.`);
  }

  /**
   * Takes a token once: a second use revokes its whole family — every token issued from the same sign-in, so the
   * descendants of the reused one too (RFC 9700 §4.14.2) — and is answered `reused`; later uses of any of them,
   * `revoked`. Durable before it answers.
   */
  redeem(jti: string, family: string, expires: number): Redeemed {
    const { spent, revoked } = this.file;
    if (family in revoked) return 'revoked';
    const outcome = jti in spent ? 'reused' : 'ok';
    if (outcome === 'reused') revoked[family] = expires;
    else spent[jti] = expires;
    const now = Math.floor(Date.now() / 1000);
    for (const map of [spent, revoked]) for (const [id, until] of Object.entries(map)) if (until < now) delete map[id];
    writeJsonFile(this.path, this.file);
    return outcome;
  }
}
