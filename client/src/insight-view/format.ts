// Numbers in the panel, written as the core writes them (core/text/numbers.ts):
// exact counts with thousands separators, shares with one decimal.
const counts = new Intl.NumberFormat('en-US');

export function count(n: number): string {
  return counts.format(Math.round(n));
}

/** 24.1%, never 0.0% for a share above zero nor 100.0% below one. */
export function share(fraction: number): string {
  const pct = fraction * 100;
  if (!Number.isFinite(pct)) return '–';
  if (pct > 0 && pct < 0.1) return '<0.1%';
  if (pct < 100 && pct > 99.9) return '>99.9%';
  return `${pct.toFixed(1)}%`;
}

export function lift(value: number | null): string {
  return value === null ? '–' : `×${value >= 10 ? value.toFixed(0) : value.toFixed(1)}`;
}
