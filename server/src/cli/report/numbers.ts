// Numbers formatted for people: 1,204 · 24.1% · ≈ 578k (561k–595k).

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatShare(count: number, total: number): string {
  if (total === 0) return '—';
  const pct = (count / total) * 100;
  if (pct > 0 && pct < 0.1) return '<0.1%';
  return `${pct.toFixed(1)}%`;
}

/** Compact population figures with three significant digits: 578k, 1.01M, 7.4k, 950. */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${significant(n / 1e9)}B`;
  if (abs >= 1e6) return `${significant(n / 1e6)}M`;
  if (abs >= 1e3) return `${significant(n / 1e3)}k`;
  return String(Math.round(n));
}

function significant(x: number): string {
  const s = x.toPrecision(3);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
