// The extension icon: a PNG of at least 128×128 (what the Marketplace asks
// for), and exactly what its committed SVG source renders to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ICONS, renderIcon } from '../../scripts/render-icons.mjs';
import { REPO_ROOT } from '../support/cli';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'a PNG signature');
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('package.json names the rendered icon, a square PNG of 128×128 or more', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { icon: string };
  const icon = ICONS.find((i) => i.png === pkg.icon);
  assert.ok(icon, `${pkg.icon} is rendered by scripts/render-icons.mjs`);
  const { width, height } = pngSize(readFileSync(join(REPO_ROOT, pkg.icon)));
  assert.equal(width, height);
  assert.ok(width >= 128, `${width}×${height}`);
});

test('each committed PNG is what its SVG renders to (run node scripts/render-icons.mjs after editing one)', () => {
  for (const icon of ICONS) {
    const rendered = renderIcon(icon.svg, icon.size);
    assert.deepEqual(pngSize(rendered), { width: icon.size, height: icon.size });
    assert.ok(rendered.equals(readFileSync(join(REPO_ROOT, icon.png))), `${icon.png} matches ${icon.svg}`);
  }
});
