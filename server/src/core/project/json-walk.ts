// Position-aware helpers for validating a parsed JSON tree by hand: reading an
// object's properties (reporting duplicate and unknown keys) and naming what a
// value is in plain English.
import { diagnostic, type Diagnostic, type Severity } from '../base/diagnostics';
import type { Span } from '../base/span';
import { LineIndex } from '../text/line-index';
import { closestName, listInWords } from '../text/did-you-mean';
import type { JsonNode } from './json-syntax';

/** Where diagnostics go while one file is validated. */
export class JsonReport {
  readonly diagnostics: Diagnostic[] = [];
  private lines?: LineIndex;

  constructor(
    readonly file: string,
    readonly text: string,
    /** `config` or `schema`: codes are `${prefix}-…`. */
    readonly prefix: string,
  ) {}

  add(node: JsonNode | Span, severity: Severity, code: string, message: string, replacement?: { title: string; newText: string }) {
    // jsonc-parser can give a node that runs past the end of broken text (`[/*`).
    const raw = 'start' in node ? node : spanOf(node);
    const start = Math.max(0, Math.min(raw.start, this.text.length));
    const span = { start, end: Math.max(start, Math.min(raw.end, this.text.length)) };
    this.diagnostics.push(
      diagnostic(this.file, span, severity, `${this.prefix}-${code}`, message, {
        fixes: replacement ? [{ title: replacement.title, edits: [{ span, newText: replacement.newText }] }] : undefined,
      }),
    );
  }

  error(node: JsonNode | Span, code: string, message: string, replacement?: { title: string; newText: string }) {
    this.add(node, 'error', code, message, replacement);
  }

  /** 1-based line of an offset, for messages that refer to another place. */
  lineOf(offset: number): number {
    this.lines ??= new LineIndex(this.text);
    return this.lines.positionAt(offset).line + 1;
  }
}

export interface JsonProperty {
  key: string;
  keyNode: JsonNode;
  /** Missing when the text broke off after the key (already a syntax error). */
  value?: JsonNode;
}

export function spanOf(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/**
 * The properties of an object node, first occurrence of each key only. A repeated
 * key is reported at its second occurrence: plain JSON readers keep the last one,
 * this one keeps the first, so the file means different things to different tools.
 */
export function readProperties(node: JsonNode, report: JsonReport): JsonProperty[] {
  const seen = new Map<string, JsonProperty>();
  for (const child of node.children ?? []) {
    const keyNode = child.children?.[0];
    if (child.type !== 'property' || !keyNode || typeof keyNode.value !== 'string') continue;
    const key = keyNode.value;
    const earlier = seen.get(key);
    if (earlier) {
      report.error(
        keyNode,
        'duplicate-key',
        `duplicate key \`${key}\`: it is already given on line ${report.lineOf(earlier.keyNode.offset)}`,
      );
      continue;
    }
    seen.set(key, { key, keyNode, value: child.children?.[1] });
  }
  return [...seen.values()];
}

/** Reports a key that is not one of `known`, with a did-you-mean fix when one is close. */
export function reportUnknownKey(
  property: JsonProperty,
  known: readonly string[],
  report: JsonReport,
  where: string,
  hint?: string,
): void {
  const suggestion = closestName(property.key, known);
  if (suggestion) {
    report.error(
      property.keyNode,
      'unknown-key',
      `unknown key \`${property.key}\`${where}; did you mean \`${suggestion}\`?`,
      { title: `Change to \`${suggestion}\``, newText: JSON.stringify(suggestion) },
    );
    return;
  }
  report.error(
    property.keyNode,
    'unknown-key',
    hint ?? `unknown key \`${property.key}\`${where}; the keys are ${listInWords(known.map((k) => `\`${k}\``), 'and')}`,
  );
}

/** "a number", "`null`", "an array": what a value is, for "must be X, not Y" messages. */
export function describeValue(node: JsonNode): string {
  switch (node.type) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return `\`${String(node.value)}\``;
    case 'null':
      return '`null`';
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    default:
      return 'something else';
  }
}
