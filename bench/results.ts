/** What `npm run bench` writes to bench/results.json and prints: one entry per metric, with its target and floor. */
import { cpus, loadavg, release, totalmem } from 'node:os';
import { round } from './stats';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGB: number;
  os: string;
  node: string;
  chromium: string;
}

export interface Target {
  /** `max`: the value must be at most `limit`; `min`: at least. */
  kind: 'max' | 'min';
  limit: number;
}

export interface Metric {
  value: number | null;
  unit: string;
  target: string | null;
  met: boolean | null;
  /** What the value is measured against: its floor or the baseline it must beat. */
  baseline: string;
  /** The floor as a number in the same unit, where there is one (for the chart). */
  floor?: number;
  /** Stock json-server's value for the same measure, where it was measured. */
  stock?: number;
  note?: string;
}

export interface Results {
  date: string;
  machine: Machine;
  conditions: Record<string, unknown>;
  /** The conditions of the last million-customer run, whose keys end in `1m`. */
  conditions1m?: Record<string, unknown>;
  /** The conditions of the last slow-backend run (`npm run bench:slow`), whose keys start with `slow`. */
  conditionsSlow?: Record<string, unknown>;
  results: Record<string, Metric & { date: string; machine: Machine }>;
}

export function machine(chromium: string): Machine {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGB: round(totalmem() / 2 ** 30, 1),
    os: `${process.platform} ${release()}`,
    node: process.version,
    chromium,
  };
}

export const loadAverage = () => loadavg().map((n) => round(n));

export function metric(
  value: number | null,
  unit: string,
  baseline: string,
  { target, note, floor, stock }: { target?: Target; note?: string; floor?: number; stock?: number } = {},
): Metric {
  const shown = value === null || Number.isNaN(value) ? null : round(value);
  return {
    value: shown,
    unit,
    target: target ? `${target.kind === 'max' ? '≤' : '≥'} ${target.limit}` : null,
    met: !target || shown === null ? null : target.kind === 'max' ? shown <= target.limit : shown >= target.limit,
    baseline,
    ...(floor === undefined || Number.isNaN(floor) ? {} : { floor: round(floor) }),
    ...(stock === undefined || Number.isNaN(stock) ? {} : { stock: round(stock) }),
    ...(note ? { note } : {}),
  };
}

/** Each metric also carries the machine and the date, so a single entry quoted alone still says where it came from. */
export function stamp(date: string, on: Machine, metrics: Record<string, Metric>): Results['results'] {
  return Object.fromEntries(Object.entries(metrics).map(([key, m]) => [key, { ...m, date, machine: on }]));
}

/** A Markdown table: readable in a terminal and pasteable into the README. */
export function table(results: Results['results']): string {
  const rows = Object.entries(results).map(([key, m]) => [
    `\`${key}\``,
    m.value === null ? `n/a${m.note ? ` (${m.note})` : ''}` : `${m.value} ${m.unit}`,
    m.target ?? '—',
    m.baseline,
    m.met === null ? '—' : m.met ? 'yes' : '**no**',
  ]);
  const header = ['metric', 'value', 'target', 'baseline / floor', 'met?'];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
