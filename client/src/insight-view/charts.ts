// The panel's charts, drawn with Observable Plot as SVG in the colours of the
// current VS Code theme (its CSS variables, read when drawing; the page
// redraws when the theme changes). Plot's own <style> element is dropped: the
// page's Content-Security-Policy allows no inline styles, and style.css holds
// the two rules it carried.
import * as Plot from '@observablehq/plot';
import type { InsightComparison, InsightData } from '../protocol';
import { el } from './dom';
import { count, lift, share } from './format';

export interface Colours {
  foreground: string;
  muted: string;
  members: string;
  everyone: string;
  highlight: string;
  border: string;
  font: string;
}

export function themeColours(): Colours {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    foreground: v('--vscode-foreground', '#cccccc'),
    muted: v('--vscode-descriptionForeground', '#999999'),
    members: v('--vscode-charts-blue', '#3794ff'),
    everyone: v('--vscode-charts-lines', v('--vscode-descriptionForeground', '#888888')),
    highlight: v('--vscode-charts-orange', '#d18616'),
    border: v('--vscode-contrastBorder', 'transparent'),
    font: v('--vscode-font-family', 'system-ui, sans-serif'),
  };
}

const CLASS = 'segments-plot';

function finish(chart: SVGSVGElement | HTMLElement, label: string): HTMLElement {
  for (const style of chart.querySelectorAll('style')) style.remove();
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', label);
  return el('figure', { class: 'chart' }, chart);
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** 1.2k, 35k, 1.2M: axis ticks that do not run into each other. */
function tick(n: number): string {
  if (n >= 1_000_000) return `${Number((n / 1_000_000).toFixed(1))}M`;
  if (n >= 1000) return `${Number((n / 1000).toFixed(1))}k`;
  return count(n);
}

export function renderFunnelChart(funnel: NonNullable<InsightData['funnel']>, width: number, c: Colours): HTMLElement {
  const marginLeft = Math.min(240, Math.round(width * 0.4));
  // About 6.5 px a character at 12 px: labels are cut to fit the margin (the table below has them whole).
  const fit = Math.max(8, Math.floor((marginLeft - 12) / 6.5));
  let reaching = funnel.total;
  const rows = funnel.rows.map((r, i) => {
    const row = { ...r, label: `${i + 1}. ${shorten(r.text, fit - 3)}`, reaching };
    reaching = r.remaining;
    return row;
  });
  type Row = (typeof rows)[number];
  const chart = Plot.plot({
    className: CLASS,
    width,
    height: 40 + rows.length * 30,
    marginLeft,
    marginRight: 96,
    style: { color: c.foreground, fontFamily: c.font, fontSize: '12px', background: 'transparent' },
    x: { label: null, grid: true, domain: [0, Math.max(1, funnel.total)], tickFormat: tick, ticks: 3 },
    y: { label: null, domain: rows.map((r) => r.label), tickSize: 0 },
    marks: [
      // Who reached the step, faint; who is left after it, solid: the gap is what the step took out.
      Plot.barX(rows, { x: 'reaching', y: 'label', fill: c.muted, fillOpacity: 0.18, insetTop: 4, insetBottom: 4 }),
      Plot.barX(rows, { x: 'remaining', y: 'label', fill: (r: Row) => (r.biggestDrop ? c.highlight : c.members), stroke: c.border, insetTop: 4, insetBottom: 4 }),
      Plot.text(rows, { x: 'reaching', y: 'label', text: (r: Row) => `${count(r.remaining)} · ${share(r.share)}`, dx: 6, textAnchor: 'start', fill: c.foreground }),
      Plot.ruleX([0], { stroke: c.muted }),
    ],
  });
  return finish(chart, `Funnel: ${rows.map((r) => `${r.text}: ${count(r.remaining)} remain`).join('; ')}`);
}

export function renderComparison(comparison: InsightComparison, width: number, c: Colours): HTMLElement {
  const rows = comparison.buckets;
  type Row = (typeof rows)[number];
  const labels = rows.map((b) => b.label);
  const top = Math.max(0.01, ...rows.flatMap((b) => [b.memberShare, b.everyoneShare]));
  // One band per value, members in its upper half and everyone in its lower half (insets, not facets: one
  // band scale is several times faster to draw than a facet per value).
  const step = 28;
  const padding = 0.15;
  const [marginTop, marginBottom] = [8, 24];
  const half = (step * (1 - padding)) / 2;
  const chart = Plot.plot({
    className: CLASS,
    width,
    height: marginTop + marginBottom + labels.length * step,
    marginTop,
    marginBottom,
    marginLeft: Math.min(200, Math.round(width * 0.32)),
    marginRight: 70,
    style: { color: c.foreground, fontFamily: c.font, fontSize: '12px', background: 'transparent' },
    // Room on the right for the longest label.
    x: { label: null, grid: true, domain: [0, top * 1.3], tickFormat: (d: number) => `${Math.round(d * 100)}%`, ticks: 3 },
    y: { label: null, domain: labels, padding, tickSize: 0 },
    marks: [
      Plot.barX(rows, { x: 'memberShare', y: 'label', fill: c.members, stroke: c.border, insetBottom: half + 0.5 }),
      Plot.barX(rows, { x: 'everyoneShare', y: 'label', fill: c.everyone, stroke: c.border, insetTop: half + 0.5 }),
      Plot.text(rows.filter((b) => b.memberShare > 0), {
        x: 'memberShare', y: 'label', dx: 6, dy: -half / 2, textAnchor: 'start', fill: c.foreground,
        text: (b: Row) => `${share(b.memberShare)} ${lift(b.lift)}`,
      }),
      Plot.ruleX([0], { stroke: c.muted }),
    ],
  });
  const legend = el('p', { class: 'legend' },
    el('span', { class: 'swatch members' }), `members (${count(comparison.members)})  `,
    el('span', { class: 'swatch everyone' }), `everyone (${count(comparison.everyone)})`,
    comparison.missing.members + comparison.missing.everyone > 0 ? ` · missing: ${share(comparison.missing.memberShare)} of members, ${share(comparison.missing.everyoneShare)} of everyone` : '',
  );
  return el('div', { class: 'comparison', 'data-testid': 'comparison', 'data-attribute': comparison.attribute },
    el('h3', {}, comparison.attribute, el('span', { class: 'type' }, ` ${comparison.type}${comparison.shape === 'histogram' ? ' · histogram' : ' · top values'}`)),
    finish(chart, `${comparison.attribute}: ${comparison.buckets.map((b) => `${b.label} ${share(b.memberShare)} of members, ${share(b.everyoneShare)} of everyone`).join('; ')}`),
    legend,
  );
}
