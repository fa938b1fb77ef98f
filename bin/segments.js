#!/usr/bin/env node
// The `segments` command: runs the bundled CLI (built by `npm run build`).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('segments: the CLI is not built yet; run `npm run build` first\n');
  process.exit(2);
}
createRequire(import.meta.url)(bundle);
