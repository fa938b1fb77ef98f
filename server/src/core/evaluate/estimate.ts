// The estimated size of a segment in the real audience the sample was drawn from.
//
// With a sample of n profiles of which k match, and a population of P:
//   p̂        = k / n
//   estimate = p̂ × P, rounded
// and the 95% interval for the true share p is the Wilson score interval
// (z = 1.959964, the 97.5th percentile of the standard normal):
//   centre   = (p̂ + z²/(2n)) / (1 + z²/n)
//   margin   = z × √(p̂(1 − p̂)/n + z²/(4n²)) / (1 + z²/n)
//   low      = (centre − margin) × P, high = (centre + margin) × P, each rounded
// Unlike the plain p̂ ± z√(p̂(1−p̂)/n), Wilson's interval stays inside [0, 1] and
// does not collapse to a single point when k is 0 or n: a segment matching no one
// in a sample of 1,000 may still hold up to 0.38% of the population.

export const Z_95 = 1.959964;

export interface SizeEstimate {
  estimate: number;
  low: number;
  high: number;
}

/** Undefined when the sample is empty (nothing to scale from) or the inputs are not counts. */
export function estimateSize(count: number, sampleSize: number, population: number): SizeEstimate | undefined {
  if (!(sampleSize > 0) || !(count >= 0) || count > sampleSize || !(population >= 0)) return undefined;
  const n = sampleSize;
  const p = count / n;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const margin = (Z_95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return {
    estimate: Math.round(p * population),
    low: Math.round(Math.max(0, centre - margin) * population),
    high: Math.round(Math.min(1, centre + margin) * population),
  };
}
