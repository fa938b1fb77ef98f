// Writes docs/diagnostics.md from the registry of diagnostic codes.
import { writeFileSync } from 'node:fs';
import { renderDiagnosticsDoc } from '../server/src/core/workspace/diagnostic-codes';

writeFileSync(new URL('../docs/diagnostics.md', import.meta.url), renderDiagnosticsDoc());
console.log('wrote docs/diagnostics.md');
