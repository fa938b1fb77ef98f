// The insight panel and Show SQL in a real VS Code (code-server + chromium),
// on a copy of the demo project: the panel opens from the size lens, its
// numbers are the CLI's for the same segment (read inside the webview by the
// playwright driver), it follows edits, a half-typed condition leaves a "without
// line N" lens and the hints of the intact conditions, and Show SQL opens a
// read-only SQL document that closes without a save prompt. The page itself:
// a strict Content-Security-Policy that the browser enforces, nothing remote,
// charts in the theme's colours (dark, light, high contrast), every control
// reached with Tab, Copy SQL in a chosen dialect, an overlap that opens its
// segment, and the panel opened from the command palette and the editor title.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SegmentsApi } from '../../../client/src/extension';
import {
  activateExtension,
  codeLensTitles,
  consoleLines,
  driver,
  inlayHintLabels,
  openInEditor,
  positionOf,
  pressKeys,
  replaceFirst,
  requestScreenshot,
  revertAndCloseAll,
  sleep,
  suite,
  suiteSetup,
  suiteTeardown,
  tabUntil,
  test,
  texts,
  waitFor,
  webviewEval,
  webviewWhen,
  workspaceFile,
  type WebviewSnapshot,
} from '../vscode-helpers';

const FILE = 'segments/retargeting.segment';
const counts = new Intl.NumberFormat('en-US');
const share = (n: number): string => `${((n / 5000) * 100).toFixed(1)}%`;

interface SizeRow {
  segment: string;
  count: number;
  total: number;
  funnel: { line: number; condition: string; remaining: number }[];
}
interface OverlapRow {
  b: string;
  both: number;
}
interface ProjectSizeRow {
  segment: string;
  file: string;
  count: number;
}
/** Content-Security-Policy violations as Chromium reports them in the console. */
const CSP_VIOLATION = 'Content Security Policy|Refused to (load|apply|execute|connect|frame)';

suite('The insight panel and Show SQL', () => {
  let api: SegmentsApi;
  let extension: vscode.Extension<SegmentsApi>;
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;
  let original: string;
  /** abandoned_cart as `segments size --funnel --format json` counts it on the files on disk. */
  let cart: SizeRow;
  let cartCount: string;
  /** Every segment of the project as `segments size --format json` counts it on disk. */
  let project: ProjectSizeRow[];
  /** CSP violations in the console once the test's own deliberate ones were made (none may follow). */
  let violationsAfterCanary = -1;

  /** The CLI of this checkout, on the workspace's files (the same project the editor has open, before any edit). */
  const cli = <T>(args: string[]): T => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const out = execFileSync(process.execPath, [join(extension.extensionPath, 'bin', 'segments.js'), ...args], { cwd: folder, encoding: 'utf8' });
    return JSON.parse(out) as T;
  };
  const sizeLens = async (segmentLine: number): Promise<string> => {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    return lenses.find((l) => l.range.start.line === segmentLine && l.command?.command === 'segments.showInsight')?.command?.title ?? '';
  };

  suiteSetup(async () => {
    ({ api, extension } = await activateExtension());
    uri = workspaceFile(FILE);
    doc = (await openInEditor(uri)).document;
    original = doc.getText();
    [cart] = cli<SizeRow[]>(['size', FILE, '--funnel', '--format', 'json']).filter((r) => r.segment === 'abandoned_cart');
    cartCount = counts.format(cart.count);
    project = cli<ProjectSizeRow[]>(['size', '--format', 'json']);
    await waitFor('the sizes', async () => (await codeLensTitles(uri)).some((t) => / of 5,000 /.test(t)), 60_000);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await revertAndCloseAll();
  });

  test('the size lens is a button with a tooltip, next to an "SQL" lens', async () => {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const line = positionOf(doc, 'segment abandoned_cart').line;
    const mine = lenses.filter((l) => l.range.start.line === line);
    assert.deepEqual(mine.map((l) => l.command?.command), ['segments.showInsight', 'segments.showSql']);
    assert.match(mine[0].command!.title, new RegExp(`^${cartCount} of 5,000 \\(${share(cart.count)}\\) · ≈ [\\d.]+k \\([\\d.]+k–[\\d.]+k\\) of 2\\.4M$`));
    assert.match(mine[0].command!.tooltip ?? '', /profiles of the 5,000 in the sample/);
    assert.equal(mine[1].command!.title, 'SQL');
  });

  test('clicking the size lens opens the panel; its size, funnel, overlap and member count are the CLI’s', async () => {
    const editor = await openInEditor(uri);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await sleep(500);
    await driver({ op: 'click', selector: '.contentWidgets .codelens-decoration a, .codelens-decoration a', hasText: `${cartCount} of 5,000` });
    await waitFor('the panel to open', () => api.insightPanel()?.isOpen === true);

    const size = cart;
    const [topOverlap] = cli<OverlapRow[]>(['overlap', 'abandoned_cart', '--format', 'json']);
    const page = await webviewWhen('the panel with abandoned_cart', (s) => texts(s, 'size-count')[0] === counts.format(size.count) && texts(s, 'funnel-remaining').length > 0);
    assert.deepEqual(texts(page, 'size-count'), [counts.format(size.count)]);
    assert.deepEqual(texts(page, 'funnel-remaining'), size.funnel.map((s) => counts.format(s.remaining)));
    const overlap = page.items.find((i) => i.id === 'overlap');
    assert.equal(overlap?.segment, topOverlap.b);
    assert.equal(texts(page, 'overlap-both')[0], counts.format(topOverlap.both));
    assert.equal(texts(page, 'member').length, Math.min(20, size.count));
    assert.match(texts(page, 'members-caption')[0], new RegExp(`^The first ${Math.min(20, size.count)} of ${counts.format(size.count)} members in the sample`));
    assert.match(texts(page, 'size-estimate')[0], /^≈ [\d.]+k people \([\d.]+k–[\d.]+k, 95% range\) of 2\.4M$/);
  });

  test('the page: a strict Content-Security-Policy with a nonce, nothing remote, and the browser enforces it', async () => {
    const webview = api.insightPanel()!.webviewPanel!.webview;
    const page = await webviewEval<{ csp: string; origin: string; scripts: { id: string; src: string; nonce: string; beforePolicy: boolean }[]; urls: string[]; resources: string[] }>(`(() => {
      const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
      return {
      csp: meta?.getAttribute('content') ?? '',
      origin: location.origin,
      scripts: [...document.scripts].map((s) => ({ id: s.id, src: s.src, nonce: s.nonce, beforePolicy: Boolean(meta && (meta.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_PRECEDING)) })),
      urls: [...document.querySelectorAll('link, img, iframe, object, embed, audio, video, source')].map((e) => e.href || e.src || e.data || e.tagName),
      resources: performance.getEntriesByType('resource').map((e) => e.name),
    }; })()`);
    const directives = new Map(page.csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
    assert.deepEqual(directives.get('default-src'), ["'none'"], page.csp);
    const scriptSrc = directives.get('script-src') ?? [];
    assert.equal(scriptSrc.length, 1, `scripts only with the nonce: ${page.csp}`);
    const nonce = /^'nonce-([A-Za-z0-9_-]{16,})'$/.exec(scriptSrc[0])?.[1];
    assert.ok(nonce, `a nonce of at least 16 characters: ${page.csp}`);
    // VS Code puts its own acquireVsCodeApi script first in the page, before the policy; every script after the policy is ours and carries the nonce.
    assert.deepEqual(page.scripts.filter((x) => x.beforePolicy).map((x) => x.id), ['_vscodeApiScript'], 'only VS Code’s API script comes before the policy');
    const ours = page.scripts.filter((x) => !x.beforePolicy);
    assert.ok(ours.length > 0);
    for (const script of ours) assert.equal(script.nonce, nonce, `the script ${script.src || '(inline)'} carries the page's nonce`);
    // Sources: the extension's own files (the webview's cspSource) and, for images, data: URLs; nothing inline, nothing evaluated, no other host.
    const own = webview.cspSource.split(/\s+/).filter(Boolean);
    for (const [name, values] of directives) {
      for (const v of values) {
        const allowed = v === "'none'" || v === scriptSrc[0] || own.includes(v) || (name === 'img-src' && v === 'data:');
        assert.ok(allowed, `${name} allows ${v}: ${page.csp}`);
      }
    }
    const ownPattern = new RegExp(`^(${own.map((o) => (o === "'self'" ? page.origin : o).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})/`);
    const loaded = [...ours.map((x) => x.src), ...page.urls, ...page.resources].filter((u) => u !== '');
    assert.ok(loaded.length >= 2, `the page's script and style: ${loaded.join(', ')}`);
    for (const url of loaded) assert.match(url, ownPattern, `${url} is one of the extension's files`);

    // Rendering the panel broke no rule of the policy...
    assert.deepEqual(await consoleLines(CSP_VIOLATION), [], 'no CSP violation while the panel rendered');
    // ...and the policy is really enforced in the panel's page: a remote image, an inline script, an inline style and a fetch are refused.
    const canary = await webviewEval<{ seen: string[]; inlineRan: boolean; styled: boolean; fetched: boolean }>(`(async () => {
      const seen = [];
      const record = (e) => seen.push(e.violatedDirective);
      document.addEventListener('securitypolicyviolation', record);
      const img = new Image();
      img.src = 'https://example.com/segments-canary.png';
      document.body.append(img);
      const script = document.createElement('script');
      script.textContent = 'window.segmentsCanary = 1';
      document.body.append(script);
      const div = document.createElement('div');
      div.setAttribute('style', 'color: rgb(255, 0, 0)');
      document.body.append(div);
      const styled = getComputedStyle(div).color === 'rgb(255, 0, 0)';
      let fetched = false;
      try { await fetch('https://example.com/segments-canary'); fetched = true; } catch {}
      await new Promise((r) => setTimeout(r, 500));
      document.removeEventListener('securitypolicyviolation', record);
      img.remove(); script.remove(); div.remove();
      return { seen, inlineRan: window.segmentsCanary === 1, styled, fetched };
    })()`);
    assert.equal(canary.inlineRan, false, 'an inline script does not run');
    assert.equal(canary.styled, false, 'an inline style is not applied');
    assert.equal(canary.fetched, false, 'nothing is fetched from another host');
    for (const directive of ['img-src', 'script-src-elem', 'style-src-attr', 'connect-src']) assert.ok(canary.seen.includes(directive), `${directive} refused: ${canary.seen.join(', ')}`);
    // The console shows the webview's violations (so the check above could fail): the canary's are there.
    const after = await waitFor('the canary in the console', async () => {
      const lines = await consoleLines(CSP_VIOLATION);
      return lines.some((l) => l.includes('example.com/segments-canary')) ? lines : undefined;
    }, 5000);
    violationsAfterCanary = after.length;
  });

  test('screenshots: the panel in a dark theme (size and funnel) and a light one (who they are, overlap)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    await requestScreenshot('insight-panel-dark');
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Light Modern', vscode.ConfigurationTarget.Global);
    await sleep(1000);
    await driver({ op: 'scroll', selector: '#who-h' });
    await requestScreenshot('insight-panel-light');
    await driver({ op: 'scroll', selector: '#overlap-h' });
    await requestScreenshot('insight-panel-overlap');
    await driver({ op: 'scroll', selector: 'header' });
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
  });

  test('the charts take the theme’s colours: dark, light and high contrast', async () => {
    interface Look {
      bodyClass: string;
      blue: string;
      contrastBorder: string;
      foreground: string;
      fills: string[];
      strokes: string[];
      chartColour: string;
    }
    const look = (): Promise<Look> =>
      webviewEval<Look>(`(() => {
        const css = getComputedStyle(document.body);
        const svg = document.querySelector('figure.chart svg');
        const attr = (n) => [...new Set([...svg.querySelectorAll('[' + n + ']')].map((e) => e.getAttribute(n).toLowerCase()))];
        return {
          bodyClass: document.body.className,
          blue: css.getPropertyValue('--vscode-charts-blue').trim().toLowerCase(),
          contrastBorder: css.getPropertyValue('--vscode-contrastBorder').trim().toLowerCase(),
          foreground: css.getPropertyValue('--vscode-foreground').trim().toLowerCase(),
          fills: attr('fill'),
          strokes: attr('stroke'),
          chartColour: svg.style.color.toLowerCase(),
        };
      })()`);
    const inTheme = async (theme: string, bodyClass: string): Promise<Look> => {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      return waitFor(`the panel in ${theme}`, async () => {
        const l = await look();
        return l.bodyClass.split(/\s+/).includes(bodyClass) && l.fills.includes(l.blue) ? l : undefined;
      }, 10_000);
    };
    try {
      const dark = await inTheme('Default Dark Modern', 'vscode-dark');
      const light = await inTheme('Default Light Modern', 'vscode-light');
      assert.notEqual(dark.blue, light.blue, 'the two themes have different chart colours');
      assert.ok(!dark.fills.includes(light.blue) && !light.fills.includes(dark.blue), 'the bars were redrawn in the new theme');
      assert.notEqual(dark.chartColour, light.chartColour, 'the chart text follows the theme too');
      const contrast = await inTheme('Default High Contrast', 'vscode-high-contrast');
      assert.ok(contrast.contrastBorder !== '' && contrast.strokes.includes(contrast.contrastBorder), `high contrast: the bars are outlined in the contrast border ${contrast.contrastBorder}: ${contrast.strokes.join(', ')}`);
      await requestScreenshot('insight-panel-high-contrast');
    } finally {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    }
  });

  test('who they are: an attribute picked in the list is compared alone; "where they differ most" brings back the default', async () => {
    const compared = (): Promise<string[]> => webviewEval<string[]>(`[...document.querySelectorAll('[data-testid=comparison]')].map((e) => e.dataset.attribute)`);
    const options = (): Promise<string[]> => webviewEval<string[]>(`[...document.querySelectorAll('[data-testid=attribute-select] vscode-option')].map((o) => o.textContent.trim())`);
    const byDefault = await compared();
    assert.ok(byDefault.length >= 2, `the few that differ most: ${byDefault.join(', ')}`);
    const labels = await options();
    assert.equal(labels[0], 'where they differ most');
    const label = labels.slice(1).find((l) => !byDefault.includes(l.split(' (')[0]) && labels.filter((o) => o.includes(l)).length === 1)!;
    const attribute = label.split(' (')[0];
    const pick = async (text: string): Promise<void> => {
      await driver({ op: 'webviewClick', selector: '[data-testid=attribute-select]' });
      await driver({ op: 'webviewClick', selector: '[data-testid=attribute-select] li.option', hasText: text });
    };
    await pick(label);
    await waitFor(`${attribute} alone`, async () => {
      const now = await compared();
      return now.length === 1 && now[0] === attribute ? now : undefined;
    });
    await pick('where they differ most');
    await waitFor('the default comparisons again', async () => ((await compared()).join() === byDefault.join() ? true : undefined));
  });

  test('the keyboard alone: Tab reaches every control; a dialect chosen with the arrow keys and Copy SQL pressed with Enter copy that dialect’s query', async () => {
    const panel = api.insightPanel()!.webviewPanel!;
    panel.reveal(undefined, false);
    await waitFor('the panel to have the focus', () => panel.active || undefined);
    await sleep(500);
    const focused = await tabUntil('dialect-select');
    for (const control of ['segment-id', `Go to line ${cart.funnel[0].line}`, 'attribute-select', `Open ${cli<OverlapRow[]>(['overlap', 'abandoned_cart', '--format', 'json'])[0].b}`, 'Sample members', 'dialect-select']) {
      assert.ok(focused.includes(control), `Tab reaches ${control}: ${focused.join(' → ')}`);
    }
    const dialects = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'];
    const selected = (): Promise<string> => webviewEval<string>(`document.querySelector('[data-testid=dialect-select]').value`);
    const steps = dialects.indexOf('bigquery') - dialects.indexOf(await selected());
    // ArrowDown opens the list on the selected dialect; the arrows move; Enter picks.
    await pressKeys('ArrowDown', ...Array<string>(Math.abs(steps)).fill(steps > 0 ? 'ArrowDown' : 'ArrowUp'), 'Enter');
    assert.equal(await selected(), 'bigquery');
    assert.deepEqual(await tabUntil('copy-sql', 1), ['copy-sql']);
    await vscode.env.clipboard.writeText('');
    await pressKeys('Enter');
    const [expected] = cli<{ segment: string; sql: string }[]>(['sql', FILE, '--dialect', 'bigquery', '--format', 'json']).filter((r) => r.segment === 'abandoned_cart');
    const copied = await waitFor('the SQL on the clipboard', async () => (await vscode.env.clipboard.readText()) || undefined, 10_000);
    assert.equal(copied.trimEnd(), expected.sql.trimEnd(), 'the BigQuery query of `segments sql`');
    assert.match(copied, /`user_id`/, 'BigQuery quoting');
  });

  test('clicking a segment in the overlap opens it: its file at its line, and the panel shows it', async () => {
    const [top] = cli<OverlapRow[]>(['overlap', 'abandoned_cart', '--format', 'json']);
    const other = project.find((r) => r.segment === top.b)!;
    await driver({ op: 'webviewClick', selector: '[data-testid=overlap] button', hasText: top.b });
    const editor = await waitFor(`${other.file} in the editor`, () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith(`/${other.file}`) ? e : undefined;
    });
    assert.equal(editor.selection.active.line, positionOf(editor.document, `segment ${top.b} `).line, 'the cursor on the segment');
    const page = await webviewWhen(`the panel to show ${top.b}`, (s) => texts(s, 'segment-id')[0]?.startsWith(`${top.b} · `) && !s.appClass.includes('stale'));
    assert.deepEqual(texts(page, 'size-count'), [counts.format(other.count)], `${top.b}: the CLI's count`);
    // Back to abandoned_cart for the next tests.
    await openInEditor(uri);
    const line = positionOf(doc, 'segment abandoned_cart').line;
    await vscode.commands.executeCommand('segments.showInsight', { uri: uri.toString(), segment: 'abandoned_cart', position: { line, character: 0 } });
    await webviewWhen('the panel back on abandoned_cart', (s) => texts(s, 'segment-id')[0]?.startsWith('abandoned_cart · ') && texts(s, 'size-count')[0] === cartCount);
  });

  test('typing a change updates the panel and the lens together; until then the panel says its numbers are being updated', async () => {
    const line = positionOf(doc, 'segment abandoned_cart').line;
    const before = await sizeLens(line);
    // A longer pause before counting, so the moment between the keystroke and the new numbers can be looked at.
    await vscode.workspace.getConfiguration('segments').update('debounceMs', 1500, vscode.ConfigurationTarget.Workspace);
    try {
      await replaceFirst(doc, 'last_cart_at within last 7 days', 'last_cart_at within last 14 days');
      const seen: WebviewSnapshot[] = [];
      let after = '';
      await waitFor('the lens and the panel to show the new size', async () => {
        const s = await driver<WebviewSnapshot>({ op: 'webview' });
        seen.push(s);
        const t = await sizeLens(line);
        if (t !== before && /^[\d,]+ of 5,000/.test(t)) after = t;
        return after !== '' && texts(s, 'size-count')[0] === /^([\d,]+) of/.exec(after)![1] && !s.appClass.includes('stale') ? true : undefined;
      });
      const count = /^([\d,]+) of/.exec(after)![1];
      assert.notEqual(count, cartCount);
      // Never the old definition's numbers without saying so: every look before the new count found the panel marked as updating.
      assert.ok(seen[0].appClass.includes('stale'), `right after the edit the panel says it is updating: ${seen[0].appClass}`);
      for (const s of seen) assert.ok(texts(s, 'size-count')[0] === count || s.appClass.includes('stale'), `${texts(s, 'size-count')[0]} shown as current (${s.appClass})`);
    } finally {
      await vscode.workspace.getConfiguration('segments').update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await replaceFirst(doc, 'last_cart_at within last 14 days', 'last_cart_at within last 7 days');
    await webviewWhen('the panel back where it was', (s) => texts(s, 'size-count')[0] === cartCount && !s.appClass.includes('stale'));
  });

  test('a half-typed condition: the lens says "without line N", the intact conditions keep their hints, the panel says so too', async () => {
    const hintsBefore = await waitFor('hints', async () => {
      const h = await inlayHintLabels(uri);
      return h.length >= 4 ? h : undefined;
    });
    const anchor = 'and not did purchase within last 7 days\n';
    const at = doc.getText().indexOf(anchor) + anchor.length;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.positionAt(at), '    and \n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const halfLine = doc.positionAt(at).line + 1;
    const segmentLine = positionOf(doc, 'segment abandoned_cart').line;
    const lens = await waitFor('the "without line N" lens', async () => {
      const t = await sizeLens(segmentLine);
      return t.includes('without') ? t : undefined;
    });
    // Without the missing condition the segment is the one on disk: the CLI's count, as an upper bound.
    assert.equal(lens, `≤ ${cartCount} of 5,000 (${share(cart.count)}) · without line ${halfLine} (incomplete)`);
    const hints = await inlayHintLabels(uri);
    for (const h of hintsBefore.slice(0, 4)) assert.ok(hints.includes(h), `the hint ${h} stays: ${hints.join(' | ')}`);
    const first = cart.funnel[0].remaining;
    assert.ok(hints.includes(` → ${counts.format(first)} · ${share(first)}`), hints.join(' | '));
    const page = await webviewWhen('the panel to say "without"', (s) => texts(s, 'size-without').length > 0);
    assert.match(texts(page, 'size-without')[0], new RegExp(`without line ${halfLine} \\(incomplete\\)`));
    const editor = await openInEditor(uri);
    editor.selection = new vscode.Selection(doc.positionAt(at + 8), doc.positionAt(at + 8));
    editor.revealRange(new vscode.Range(segmentLine, 0, segmentLine, 0), vscode.TextEditorRevealType.AtTop);
    await requestScreenshot('editor-mid-edit');
    const undo = new vscode.WorkspaceEdit();
    undo.delete(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + '    and \n'.length)));
    assert.ok(await vscode.workspace.applyEdit(undo));
    assert.equal(doc.getText(), original);
    await waitFor('the lens back', async () => (await sizeLens(segmentLine)).startsWith(`${cartCount} of 5,000`));
  });

  test('Show SQL from the lens: a read-only SQL document titled abandoned_cart.<dialect>.sql that refreshes and closes without a prompt', async () => {
    await openInEditor(uri);
    await vscode.commands.executeCommand('segments.showSql', 'postgres');
    const line = positionOf(doc, 'segment abandoned_cart').line;
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const sqlLens = lenses.find((l) => l.range.start.line === line && l.command?.title === 'SQL')!;
    await openInEditor(uri);
    const sqlDoc = await vscode.commands.executeCommand<vscode.TextDocument>(sqlLens.command!.command, ...(sqlLens.command!.arguments ?? []));
    assert.ok(sqlDoc);
    assert.equal(sqlDoc.uri.scheme, 'segments-sql');
    assert.equal(sqlDoc.uri.path, '/abandoned_cart.postgres.sql', 'the dialect used last is remembered');
    assert.equal(sqlDoc.languageId, 'sql');
    assert.match(sqlDoc.getText(), /\bSELECT\b/i);
    assert.equal(vscode.window.activeTextEditor?.document, sqlDoc);
    await vscode.commands.executeCommand('type', { text: 'oops' });
    assert.ok(!sqlDoc.getText().includes('oops'), 'the document is read-only');
    assert.equal(sqlDoc.isDirty, false);
    // The query follows the segment.
    await replaceFirst(doc, 'cart_items > 0', 'cart_items > 2');
    await waitFor('the query to change', () => sqlDoc.getText().includes('> 2') || undefined);
    await replaceFirst(doc, 'cart_items > 2', 'cart_items > 0');
    await vscode.window.showTextDocument(sqlDoc);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the SQL editor to close without a save prompt', () => !vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'segments-sql'), 5000);
  });

  /** Closes the panel and puts the cursor in `segment`'s first condition. */
  const cursorIn = async (segment: string, condition: string): Promise<void> => {
    api.insightPanel()?.webviewPanel?.dispose();
    await waitFor('the panel closed', () => api.insightPanel()?.isOpen === false);
    const editor = await openInEditor(uri);
    const at = positionOf(doc, condition);
    assert.ok(at.line > positionOf(doc, `segment ${segment} `).line);
    editor.selection = new vscode.Selection(at, at);
    await sleep(300);
  };
  const panelShows = async (segment: string): Promise<void> => {
    await waitFor('the panel to open', () => api.insightPanel()?.isOpen === true);
    const count = counts.format(project.find((r) => r.segment === segment)!.count);
    await webviewWhen(`the panel on ${segment} (${count})`, (s) => texts(s, 'segment-id')[0]?.startsWith(`${segment} · `) && texts(s, 'size-count')[0] === count);
  };

  test('the command palette opens the panel on the segment under the cursor', async () => {
    await cursorIn('abandoned_cart_customers', 'cart_items >= 1');
    await pressKeys('F1');
    await sleep(500);
    await driver({ op: 'type', text: 'Segments: Show Audience Insight' });
    await sleep(500);
    await pressKeys('Enter');
    await panelShows('abandoned_cart_customers');
  });

  test('the editor title’s button opens the panel on the segment under the cursor', async () => {
    await cursorIn('viewed_not_bought', 'did product_view at least 2 times');
    await driver({ op: 'click', selector: '.editor-group-container.active .action-label[aria-label*="Show Audience Insight"]' });
    await panelShows('viewed_not_bought');
  });

  test('no CSP violation in the panel’s page during the whole suite', async () => {
    assert.ok(violationsAfterCanary >= 0, 'the CSP test ran');
    const lines = await consoleLines(CSP_VIOLATION);
    assert.deepEqual(lines.slice(violationsAfterCanary), []);
  });
});
