// Renders the extension's icon from its SVG source (extension/icon.svg →
// extension/icon.png, 256×256; the Marketplace takes PNG only, 128×128 or
// larger). Run it after editing the SVG and commit both files:
//   node scripts/render-icons.mjs
// `--check` renders in memory and exits 1 when the committed PNG is not what
// the SVG gives (the test suite runs that).
import { Resvg } from '@resvg/resvg-js';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
export const ICON_SIZE = 256;
export const ICONS = [{ svg: 'extension/icon.svg', png: 'extension/icon.png', size: ICON_SIZE }];

export function renderIcon(svgPath, size) {
  const svg = readFileSync(resolve(root, svgPath));
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const icon of ICONS) {
    const png = renderIcon(icon.svg, icon.size);
    if (check) {
      if (!png.equals(readFileSync(resolve(root, icon.png)))) {
        console.error(`${icon.png} is not the rendering of ${icon.svg}: run node scripts/render-icons.mjs`);
        stale++;
      }
    } else {
      writeFileSync(resolve(root, icon.png), png);
      console.log(`rendered ${icon.svg} → ${icon.png} (${icon.size}×${icon.size}, ${png.length} bytes)`);
    }
  }
  process.exit(stale > 0 ? 1 : 0);
}
