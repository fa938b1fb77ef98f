// How much two audiences share: |A∩B|, the share of each that is in the
// other, and Jaccard's index |A∩B| / |A∪B| (1 for the same people, 0 for none
// in common). The numbers behind the insight panel's overlap list and
// `segments overlap`.
import { andBits, countBits, type Bitset } from '../base/bitset';

export interface Overlap {
  /** Members of A. */
  a: number;
  /** Members of B. */
  b: number;
  /** Members of both. */
  both: number;
  /** both / a: how much of A is also in B (0 when A is empty). */
  shareOfA: number;
  /** both / b. */
  shareOfB: number;
  /** both / (a + b − both); 0 when both are empty. */
  jaccard: number;
}

export function overlapOf(a: Bitset, b: Bitset): Overlap {
  const countA = countBits(a);
  const countB = countBits(b);
  const both = countBits(andBits(a, b));
  const union = countA + countB - both;
  return {
    a: countA,
    b: countB,
    both,
    shareOfA: countA > 0 ? both / countA : 0,
    shareOfB: countB > 0 ? both / countB : 0,
    jaccard: union > 0 ? both / union : 0,
  };
}
