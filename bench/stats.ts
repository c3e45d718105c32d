/** Order statistics for latency samples: nearest-rank percentiles, no interpolation. */

export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/** Rounds for display and for results.json: latencies to 0.01 ms are already below the noise. */
export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
