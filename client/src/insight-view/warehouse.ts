// "Count on the warehouse" in the insight panel: a button that asks, only when
// clicked, for the segment's exact count on the user's own database (the
// setting segments.warehouse.target; `segments size --on` in the CLI), and the
// answer beside the sample's count. An answer is kept for its segment until
// the text changes, since it was counted for the definition of that moment.
import type { FromView, ToView } from '../insight-messages';
import { el } from './dom';
import { count } from './format';

type Answer = Extract<ToView, { type: 'warehouse' }>;

let kept: { segment: string; node: HTMLElement } | undefined;
let asking: string | undefined;

export function warehouseSection(segment: string | undefined, post: (m: FromView) => void): HTMLElement {
  const out = el('div', { class: 'warehouse-result', 'data-testid': 'warehouse-result', role: 'status' });
  if (segment !== undefined && kept?.segment === segment) out.append(kept.node);
  else if (segment !== undefined && asking === segment) out.append('Counting on the warehouse…');
  const button = el('vscode-button', { secondary: '', 'data-testid': 'count-on-warehouse', title: 'Run this segment’s SQL on the database in segments.warehouse.target (read-only) and show the exact count' }, 'Count on the warehouse');
  button.addEventListener('click', () => {
    if (segment === undefined) return;
    asking = segment;
    kept = undefined;
    out.replaceChildren('Counting on the warehouse…');
    post({ type: 'countOnWarehouse', segment });
  });
  return el('div', { class: 'row warehouse' }, button, out);
}

/** Shows an answer (in the section on screen, and for the next renders of the same segment). */
export function showWarehouseAnswer(m: Answer): void {
  if (asking === m.segment) asking = undefined;
  const r = m.result;
  const c = 'counts' in r ? r.counts.find((x) => x.segment === m.segment) : undefined;
  let node: HTMLElement;
  if ('error' in r) node = el('span', { class: 'warehouse-error' }, r.error);
  else if (!c) node = el('span', { class: 'warehouse-error' }, 'No count came back for this segment.');
  else if (c.count === null) node = el('span', { class: 'warehouse-error' }, `No exact count on ${r.on}: ${c.error ?? 'unknown reason'}`);
  else node = el('span', {}, el('strong', { 'data-testid': 'warehouse-count' }, count(c.count)), ` exact on ${r.on}${c.sample ? ` (sample: ${count(c.sample.count)} of ${count(c.sample.total)})` : ''}`);
  kept = { segment: m.segment, node };
  for (const out of document.querySelectorAll('[data-testid="warehouse-result"]')) out.replaceChildren(node);
}

/** The definition changed: a kept count no longer describes it. */
export function forgetWarehouseAnswer(): void {
  kept = undefined;
}
