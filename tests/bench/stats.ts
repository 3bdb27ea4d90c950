// Order statistics for the benchmark's figures.

/** The q-quantile (0..1) by the nearest-rank method; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface Summary {
  p50: number;
  p95: number;
  max: number;
}

export function summary(values: readonly number[], digits = 2): Summary {
  const round = (v: number) => Math.round(v * 10 ** digits) / 10 ** digits;
  return { p50: round(quantile(values, 0.5)), p95: round(quantile(values, 0.95)), max: round(Math.max(...values)) };
}
