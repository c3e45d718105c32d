/**
 * Seeding progress for whoever started the mock API: on a terminal, one line rewritten in place with the count and
 * the rate; otherwise (a log, a test's pipe) nothing until the one summary line at the end.
 */
const count = (n: number) => Math.round(n).toLocaleString('en-US');

export function seedProgress(out: NodeJS.WriteStream = process.stdout) {
  const started = performance.now();
  let seeded = 0;
  let shown = 0;
  const seconds = () => (performance.now() - started) / 1000;
  return {
    /** Customers written so far of `total`. */
    progress(done: number, total: number): void {
      seeded = total;
      const now = performance.now();
      if (!out.isTTY || (now - shown < 250 && done < total)) return;
      shown = now;
      const rate = `${count(done / seconds())}/s`;
      out.write(
        `\r\x1b[Kseeding: ${count(done)} of ${count(total)} customers, ${rate}${done === total ? ', indexing…' : ''}`,
      );
    },
    /** After seeding (if there was any): the summary line. */
    done(): void {
      if (!seeded) return;
      const s = seconds();
      out.write(
        `${out.isTTY ? '\r\x1b[K' : ''}seeded ${count(seeded)} customer${seeded === 1 ? '' : 's'} in ${s.toFixed(1)} s (${count(seeded / s)}/s)\n`,
      );
    },
  };
}
