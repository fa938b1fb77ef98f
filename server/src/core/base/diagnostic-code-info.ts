// What the registry of diagnostic codes (workspace/diagnostic-codes.ts) says of
// each code: each part of the core lists its own codes in this shape, for the
// docs page and the SARIF rules.
import type { Severity } from './diagnostics';

export interface DiagnosticCodeInfo {
  code: string;
  severity: Severity;
  description: string;
}
