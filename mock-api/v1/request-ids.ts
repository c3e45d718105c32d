/**
 * `MS-RequestId` idempotency: Partner Center asks a client to retry a timed-out call with the same request id. A
 * repeated write by the same user to the same method and path with the same id, within the window, answers the
 * first successful result again and writes nothing. Failures are not kept: a retry of a refused call runs afresh.
 */
import { IDEMPOTENCY_MINUTES } from '@/domain/partner-center-readings';

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class RequestIds {
  private readonly answers = new Map<string, { answer: Answer; expires: number }>();

  static key(upn: string, method: string, path: string, requestId: string): string {
    return JSON.stringify([upn, method, path, requestId]);
  }

  get(key: string): Answer | undefined {
    const now = Date.now();
    // Kept in insertion order, so the expired ones are at the front.
    for (const [k, kept] of this.answers) {
      if (kept.expires >= now) break;
      this.answers.delete(k);
    }
    return this.answers.get(key)?.answer;
  }

  /** After a reset or an import: a remembered answer described data that is gone. */
  clear(): void {
    this.answers.clear();
  }

  remember(key: string, answer: Answer): void {
    if (answer.status < 200 || answer.status > 299) return;
    this.answers.set(key, { answer, expires: Date.now() + IDEMPOTENCY_MINUTES * 60_000 });
  }
}
