// "Did you mean …?" for every misspelt name or value: attributes, events,
// segment ids, values, config and schema keys, type names. Only called once a
// name is known to be unknown, so checking a correct file never pays for edit
// distances.
import { distance } from 'fastest-levenshtein';

/** Case, spaces, `_` and `-` ignored: `preferred_channel` finds `Preferred channel`. */
function loose(text: string): string {
  return text.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * The candidate the user most likely meant by `word`, or undefined when none is
 * close enough to be a believable typo (about one edit per three letters; words
 * of one or two letters only match when they differ in case or separators).
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  if (word === '') return undefined;
  const lower = word.toLowerCase();
  const wantedLoose = loose(word);
  let sameLoose: string | undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    // A value holding U+FFFD is text some program could not decode: offering it would write the damage into the file.
    if (candidate.includes('\uFFFD')) continue;
    const candidateLower = candidate.toLowerCase();
    if (candidateLower === lower) return candidate;
    if (sameLoose === undefined && wantedLoose !== '' && loose(candidate) === wantedLoose) sameLoose = candidate;
    // The length difference is a lower bound of the edit distance.
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    let d = distance(lower, candidateLower);
    // Swapped neighbours (`titel`) are one slip of the fingers, not two.
    if (d === 2 && isTransposition(lower, candidateLower)) d = 1;
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (sameLoose !== undefined) return sameLoose;
  if (best === undefined || word.length < 3) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3));
  return bestDistance <= limit ? best : undefined;
}

function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** True when the two texts differ only in upper and lower case. */
export function differsOnlyInCase(a: string, b: string): boolean {
  return a !== b && a.toLowerCase() === b.toLowerCase();
}

/** `a, b or c`: for messages that list the allowed names. */
export function listInWords(names: readonly string[], conjunction = 'or'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}
