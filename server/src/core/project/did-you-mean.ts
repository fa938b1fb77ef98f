// Suggests the name a user most likely meant when a key is misspelt.
import { distance } from 'fastest-levenshtein';

/** Case, `_` and `-` are ignored first, so `idcolumn` and `as_of` find `idColumn` and `asOf`. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * The candidate closest to `word`, or undefined when none is close enough to be a
 * believable typo (about one edit per three letters).
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const wanted = normalise(word);
  if (wanted.length > 0) {
    const same = candidates.find((c) => normalise(c) === wanted);
    if (same !== undefined) return same;
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein, except that swapping two neighbouring letters (`tpye`) counts as one edit. */
function editDistance(a: string, b: string): number {
  if (a.length === b.length && a.length >= 2) {
    let first = 0;
    while (first < a.length && a[first] === b[first]) first++;
    if (
      first < a.length - 1 &&
      a[first] === b[first + 1] &&
      a[first + 1] === b[first] &&
      a.slice(first + 2) === b.slice(first + 2)
    ) {
      return 1;
    }
  }
  return distance(a, b);
}

/** `a, b or c`: for messages that list the allowed names. */
export function listInWords(names: readonly string[], conjunction = 'or'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}
