/** axe-core in a page of the extension (or any page): the violations it finds, each with the nodes at fault. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

// Evaluated rather than added as a <script>: extension pages' CSP forbids inline scripts, DevTools evaluation is exempt.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  help: string;
  nodes: string[];
}
type AxeGlobal = {
  axe: {
    run: (context: Document) => Promise<{
      violations: { id: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
    }>;
  };
};

export async function violations(page: Page): Promise<Violation[]> {
  await page.bringToFront();
  // Judged as the agent sees it once a dialog or toast has come in: mid-fade, colours are blends of what is behind.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { violations } = await (globalThis as unknown as AxeGlobal).axe.run(document);
    return violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  });
}
