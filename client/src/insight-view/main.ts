// The insight panel's page: lays out what the extension sends (insight-panel.ts)
// with VS Code's own controls (@vscode-elements/elements) and charts drawn by
// Observable Plot in the theme's colours. It computes nothing: every number
// comes from the language server. Numbers a test or a screen reader needs are
// in the page as text (data-testid), next to the charts.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import './style.css';
import type { FromView, ToView } from '../insight-messages';
import type { InsightData, SqlDialect } from '../protocol';
import { renderComparison, renderFunnelChart, themeColours } from './charts';
import { count, share } from './format';
import { el } from './dom';
import { forgetWarehouseAnswer, showWarehouseAnswer, warehouseSection } from './warehouse';

declare function acquireVsCodeApi(): { postMessage(message: FromView): void };
const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

const DIALECTS: [SqlDialect, string][] = [
  ['duckdb', 'DuckDB'],
  ['postgres', 'PostgreSQL'],
  ['bigquery', 'BigQuery'],
  ['snowflake', 'Snowflake'],
  ['spark', 'Spark SQL'],
];
const OVERLAPS_SHOWN = 8;

let last: Extract<ToView, { type: 'insight' }> | undefined;
/** What the page shows now, as sent: an answer equal to it (the cursor moved inside the same segment) changes nothing on screen. */
let shown = '';

window.addEventListener('message', (event: MessageEvent<ToView>) => {
  const m = event.data;
  switch (m.type) {
    case 'insight': {
      const started = performance.now();
      last = m;
      const same = JSON.stringify([m.insight, m.attribute, m.dialect]);
      // Drawing the same page again would only lose the focus, the open list and the selection.
      if (same === shown && app.classList.contains('stale')) unmarkStale();
      else if (same !== shown) render(m);
      shown = same;
      // Reported once the browser has laid the page out.
      // `at` on the wall clock (epoch ms), which the extension host shares: when the new numbers reached the screen, without the trip back.
      requestAnimationFrame(() => vscode.postMessage({ type: 'rendered', generation: m.generation, ms: performance.now() - started, at: performance.timeOrigin + performance.now() }));
      return;
    }
    case 'stale':
      forgetWarehouseAnswer();
      app.classList.add('stale');
      app.setAttribute('aria-busy', 'true');
      return;
    case 'empty':
      last = undefined;
      shown = '';
      app.classList.remove('stale');
      app.replaceChildren(el('p', { class: 'empty', 'data-testid': 'empty' }, m.message));
      return;
    case 'warehouse':
      showWarehouseAnswer(m);
      return;
  }
});

// Charts follow the theme: redraw when VS Code switches it (it changes the body's class).
new MutationObserver(() => last && render(last)).observe(document.body, { attributes: true, attributeFilter: ['class'] });
let resizeTimer: number | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => last && render(last), 100);
});

function unmarkStale(): void {
  app.classList.remove('stale');
  app.removeAttribute('aria-busy');
}

function render(m: Extract<ToView, { type: 'insight' }>): void {
  const data = m.insight;
  unmarkStale();
  const width = Math.max(280, Math.min(app.clientWidth || 600, 900));
  const colours = themeColours();
  app.replaceChildren(
    header(data),
    ...(data.size ? [] : [el('p', { class: 'reason', 'data-testid': 'reason' }, data.explanation)]),
    ...(data.funnel ? [funnelSection(data, width, colours)] : []),
    ...(data.size ? [whoSection(data, m.attribute, width, colours)] : []),
    ...(data.size ? [overlapSection(data)] : []),
    ...(data.members ? [membersSection(data)] : []),
    sqlSection(m.dialect),
  );
}

function header(data: InsightData): HTMLElement {
  const size = data.size;
  const title = el('h1', {}, data.title ?? data.segment ?? 'Segment');
  const id = el('button', { class: 'link subtle', title: 'Go to the definition', 'data-testid': 'segment-id' }, `${data.segment ?? ''} · line ${data.line}`);
  id.addEventListener('click', () => vscode.postMessage({ type: 'reveal', uri: data.uri, line: data.line }));
  const updating = el('vscode-badge', { class: 'updating', variant: 'counter' }, 'Updating…');
  const head = el('header', {}, title, el('div', { class: 'meta' }, id, updating));
  if (!size) return head;
  const headline = el('div', { class: 'headline' },
    el('span', { class: 'big', 'data-testid': 'size-count' }, `${size.without ? '≤ ' : ''}${count(size.count)}`),
    el('span', { class: 'of' }, ` of ${count(size.total)} sample profiles · `),
    el('span', { class: 'big-share', 'data-testid': 'size-share' }, size.share),
  );
  const parts: HTMLElement[] = [head, headline];
  if (size.estimate) parts.push(el('p', { class: 'estimate', 'data-testid': 'size-estimate' }, `${size.without ? 'at most ' : ''}${size.estimate.sentence}`));
  parts.push(warehouseSection(data.segment, (m) => vscode.postMessage(m)));
  if (size.count === 0) parts.push(el('p', { class: 'warning', role: 'status' }, 'Nobody in the sample matches this segment: check the conditions against the funnel below.'));
  if (size.without) {
    parts.push(el('p', { class: 'warning', role: 'status', 'data-testid': 'size-without' },
      `Counted ${size.without}: the conditions left out can only narrow the audience, so the finished segment has this many members or fewer.`));
  }
  return el('section', { class: 'summary' }, ...parts);
}

function funnelSection(data: InsightData, width: number, colours: ReturnType<typeof themeColours>): HTMLElement {
  const funnel = data.funnel!;
  const rows = funnel.rows.map((r, i) => {
    const step = el('tr', { class: r.biggestDrop ? 'biggest' : '', 'data-testid': 'funnel-step' },
      el('td', { class: 'num' }, String(i + 1)),
      el('td', {}, lineButton(data.uri, r.line, r.kind === 'exclude' ? r.text : r.text), ...(r.biggestDrop ? [el('span', { class: 'tag' }, 'biggest drop')] : [])),
      el('td', { class: 'num', 'data-testid': 'funnel-remaining' }, count(r.remaining)),
      el('td', { class: 'num' }, share(r.share)),
      el('td', { class: 'num drop' }, r.drop > 0 ? `−${count(r.drop)} (${share(r.dropShare)})` : '–'),
    );
    const branches = (r.branches ?? []).map((b) =>
      el('tr', { class: 'branch' }, el('td', {}, ''), el('td', {}, 'or ', lineButton(data.uri, b.line, b.text)),
        el('td', { class: 'num' }, count(b.matching)), el('td', { class: 'num' }, ''), el('td', { class: 'num drop' }, r.kind === 'exclude' ? 'would take out' : 'of those reaching it')),
    );
    return [step, ...branches];
  }).flat();
  const leftOut = funnel.leftOut.map((l) =>
    el('tr', { class: 'left-out', 'data-testid': 'funnel-left-out' }, el('td', {}, '–'), el('td', {}, lineButton(data.uri, l.line, l.text || '(missing condition)')),
      el('td', { class: 'num', colspan: '3' }, l.incomplete ? 'not counted: incomplete' : 'not counted: has errors')),
  );
  const table = el('table', { class: 'funnel', 'aria-label': 'Funnel steps' },
    el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, 'condition'), el('th', { class: 'num' }, 'remaining'), el('th', { class: 'num' }, 'share'), el('th', { class: 'num' }, 'taken out'))),
    el('tbody', {}, ...rows, ...leftOut),
  );
  return el('section', { 'aria-labelledby': 'funnel-h' },
    el('h2', { id: 'funnel-h' }, 'Funnel'),
    el('p', { class: 'hint' }, 'Profiles left after each condition; the step that takes out most people is highlighted.'),
    renderFunnelChart(funnel, width, colours),
    table,
  );
}

function whoSection(data: InsightData, chosen: string | undefined, width: number, colours: ReturnType<typeof themeColours>): HTMLElement {
  const select = el('vscode-single-select', { 'aria-label': 'Attribute to compare', 'data-testid': 'attribute-select' },
    el('vscode-option', { value: '' }, 'where they differ most'),
    ...data.attributes.filter((a) => !a.pii).map((a) => el('vscode-option', { value: a.name, ...(a.name === chosen ? { selected: '' } : {}) }, `${a.name} (${a.type})`)),
  ) as HTMLElement & { value: string };
  select.addEventListener('change', () => vscode.postMessage({ type: 'attribute', attribute: select.value || undefined }));
  const charts = data.comparisons.length > 0
    ? data.comparisons.map((c) => renderComparison(c, width, colours))
    : [el('p', { class: 'hint' }, 'No attribute to compare.')];
  return el('section', { 'aria-labelledby': 'who-h' },
    el('h2', { id: 'who-h' }, 'Who they are'),
    el('p', { class: 'hint' }, 'Members next to everyone in the sample; the lift is how much more common a value is among members.'),
    el('div', { class: 'row' }, el('label', {}, 'Compare on '), select),
    ...charts,
  );
}

function overlapSection(data: InsightData): HTMLElement {
  const shown = data.overlaps.slice(0, OVERLAPS_SHOWN);
  const items = shown.map((o) => {
    const open = el('button', { class: 'link', title: `Open ${o.segment}` }, o.segment);
    open.addEventListener('click', () => vscode.postMessage({ type: 'openSegment', uri: o.uri, line: o.line, segment: o.segment }));
    const bar = el('span', { class: 'bar' }, el('span', { class: 'fill', style: '' }));
    (bar.firstChild as HTMLElement).style.width = `${Math.round(o.shareOfA * 100)}%`;
    return el('tr', { 'data-testid': 'overlap', 'data-segment': o.segment },
      el('td', {}, open),
      el('td', { class: 'num', 'data-testid': 'overlap-both' }, count(o.both)),
      el('td', { class: 'num' }, share(o.shareOfA), bar),
      el('td', { class: 'num' }, share(o.shareOfB)),
      el('td', { class: 'num' }, o.jaccard.toFixed(3)),
    );
  });
  const body = shown.length > 0
    ? el('table', { class: 'overlap' },
      el('thead', {}, el('tr', {}, el('th', {}, 'segment'), el('th', { class: 'num' }, 'shared'), el('th', { class: 'num' }, 'of this one'), el('th', { class: 'num' }, 'of that one'), el('th', { class: 'num' }, 'Jaccard'))),
      el('tbody', {}, ...items))
    : el('p', { class: 'hint' }, 'No other segment of the project can be counted.');
  return el('section', { 'aria-labelledby': 'overlap-h' },
    el('h2', { id: 'overlap-h' }, 'Overlap with other segments'),
    el('p', { class: 'hint' }, `The ${Math.min(OVERLAPS_SHOWN, data.overlaps.length)} segments sharing most members; Jaccard is shared ÷ members of either.`),
    body,
  );
}

function membersSection(data: InsightData): HTMLElement {
  const members = data.members!;
  const head = el('tr', {}, ...members.columns.map((c) => el('th', { title: c.masked ? 'Personal data (pii in the schema): masked' : '' }, c.masked ? `${c.name} 🔒` : c.name)));
  const rows = members.rows.map((r) => el('tr', { 'data-testid': 'member' }, ...r.map((cell) => el('td', { class: cell === null ? 'missing' : '' }, cell ?? '–'))));
  return el('section', { 'aria-labelledby': 'members-h' },
    el('h2', { id: 'members-h' }, 'Sample members'),
    el('p', { class: 'hint', 'data-testid': 'members-caption' }, `The first ${count(members.rows.length)} of ${count(members.count)} members in the sample${members.columns.some((c) => c.masked) ? '; columns marked 🔒 are personal data and shown masked' : ''}.`),
    el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Sample members' }, el('table', { class: 'members' }, el('thead', {}, head), el('tbody', {}, ...rows))),
  );
}

function sqlSection(dialect: SqlDialect): HTMLElement {
  const select = el('vscode-single-select', { 'aria-label': 'SQL dialect', 'data-testid': 'dialect-select' },
    ...DIALECTS.map(([d, label]) => el('vscode-option', { value: d, ...(d === dialect ? { selected: '' } : {}) }, label)),
  ) as HTMLElement & { value: string };
  const current = (): SqlDialect => (select.value || dialect) as SqlDialect;
  const copy = el('vscode-button', { 'data-testid': 'copy-sql' }, 'Copy SQL');
  copy.addEventListener('click', () => vscode.postMessage({ type: 'copySql', dialect: current() }));
  const open = el('vscode-button', { secondary: '', 'data-testid': 'open-sql' }, 'Open SQL');
  open.addEventListener('click', () => vscode.postMessage({ type: 'showSql', dialect: current() }));
  return el('section', { class: 'sql', 'aria-labelledby': 'sql-h' }, el('h2', { id: 'sql-h' }, 'SQL'), el('div', { class: 'row' }, select, copy, open));
}

function lineButton(uri: string, line: number, label: string): HTMLElement {
  const b = el('button', { class: 'link code', title: `Go to line ${line}` }, label);
  b.addEventListener('click', () => vscode.postMessage({ type: 'reveal', uri, line }));
  return el('span', {}, b, el('span', { class: 'line' }, ` line ${line}`));
}

vscode.postMessage({ type: 'ready' });
