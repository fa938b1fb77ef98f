#!/usr/bin/env node
// The `segments-language-server` command: runs the bundled language server
// (built by `npm run build`). Editors start it with `--stdio`.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/server.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('segments-language-server: the server is not built yet; run `npm run build` first\n');
  process.exit(2);
}
createRequire(import.meta.url)(bundle);
