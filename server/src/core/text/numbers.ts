// How counts read in the editor: exact sample counts with thousands separators,
// estimates in the real population shortened (578k, 2.4M) since their interval
// is wide anyway.

export function formatCount(n: number): string {
  const v = Math.round(n);
  // What toLocaleString('en-US') prints, without it: its first call loads the ICU
  // locale data, some 50–80 ms of every cold CLI run.
  if (!Number.isSafeInteger(v)) return v.toLocaleString('en-US');
  const digits = String(Math.abs(v));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return v < 0 ? `-${out}` : out;
}

/** 24.1% — one decimal, but never "0.0%" for a share above zero. */
export function formatShare(part: number, whole: number): string {
  if (!(whole > 0)) return '–';
  const pct = (part / whole) * 100;
  if (pct > 0 && pct < 0.1) return '<0.1%';
  if (pct < 100 && pct > 99.9) return '>99.9%';
  return `${pct.toFixed(1)}%`;
}

/** 950, 9,999, 12.3k, 578k, 1.23M, 45.6M. */
export function formatCompact(n: number): string {
  const v = Math.round(n);
  if (Math.abs(v) < 10_000) return formatCount(v);
  if (Math.abs(v) < 999_500) return `${threeDigits(v / 1000)}k`;
  if (Math.abs(v) < 999_500_000) return `${threeDigits(v / 1_000_000)}M`;
  return `${threeDigits(v / 1_000_000_000)}B`;
}

/**
 * An estimate and its range on one scale, so they read together:
 * `≈ 11k (7.36k–16.5k)`, `≈ 578k (561k–595k)`, `≈ 950 (700–1,204)`.
 * The scale is the one of the largest number.
 */
export function formatEstimate(estimate: number, low: number, high: number): string {
  const top = Math.max(Math.abs(Math.round(estimate)), Math.abs(Math.round(low)), Math.abs(Math.round(high)));
  const [unit, suffix] = top < 10_000 ? [1, ''] : top < 999_500 ? [1000, 'k'] : top < 999_500_000 ? [1_000_000, 'M'] : [1_000_000_000, 'B'];
  const show = (n: number): string => (unit === 1 ? formatCount(n) : `${threeDigits(Math.round(n) / unit)}${suffix}`);
  return `≈ ${show(estimate)} (${show(low)}–${show(high)})`;
}

function threeDigits(x: number): string {
  const abs = Math.abs(x);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return String(Number(x.toFixed(decimals)));
}

/** `1 error`, `12,345 rows`: a count with its noun, for every message that counts things. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
