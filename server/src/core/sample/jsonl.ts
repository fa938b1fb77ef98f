// JSON Lines reader: one object per line, read in chunks and parsed line by
// line (never the whole file as one string). Each object is flattened: nested
// objects become dotted names (`geo.city`), arrays become lists of text, null
// becomes "no value" (the name is left out). A line that is not a JSON object
// is reported and skipped.
import type { ByteSource } from './byte-source';
import { bufferByteSource } from './byte-source';
import { safeToken } from '../text/safe-text';

/** A flattened value: text, number, boolean, or a list (array items as text). */
export type JsonCell = string | number | boolean | string[];

/** One flattened object; reused between rows, so copy what you keep. */
export interface FlatRow {
  names: string[];
  values: JsonCell[];
}

export interface JsonLinesProblem {
  line: number;
  message: string;
}

export interface JsonLinesOptions {
  chunkSize?: number;
  /** Called after each chunk with the bytes consumed so far. */
  onProgress?: (bytesConsumed: number) => void;
}

export interface JsonLinesResult {
  problems: JsonLinesProblem[];
  bytesConsumed: number;
  stopped: boolean;
}

const LF = 10;
const DEFAULT_CHUNK = 8 * 1024 * 1024;

/** Reads every line; return `false` from `onRow` to stop. */
export function readJsonLines(
  source: ByteSource,
  onRow: (row: FlatRow, line: number) => boolean | void,
  options: JsonLinesOptions = {},
): JsonLinesResult {
  let buf = Buffer.allocUnsafe(Math.max(16, options.chunkSize ?? DEFAULT_CHUNK));
  const problems: JsonLinesProblem[] = [];
  const row: FlatRow = { names: [], values: [] };
  let filled = 0;
  let base = 0;
  let line = 0;
  let eof = false;
  let first = true;
  let stopped = false;

  const handle = (start: number, end: number): boolean => {
    line++;
    let text = buf.toString('utf8', start, end);
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    text = text.trim();
    if (text === '') return true;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      problems.push({ line, message: `is not valid JSON (${jsonErrorReason(e)})` });
      return true;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ line, message: `holds ${describeJson(value)}, not a JSON object` });
      return true;
    }
    row.names.length = 0;
    row.values.length = 0;
    flattenInto(value as Record<string, unknown>, '', row);
    return onRow(row, line) !== false;
  };

  try {
    outer: for (;;) {
      if (!eof) {
        if (filled === buf.length) {
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, filled);
          buf = bigger;
        }
        const n = source.read(buf, filled, buf.length - filled);
        if (n === 0) eof = true;
        else filled += n;
      }
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(LF, start);
        if (nl < 0 || nl >= filled) break;
        if (!handle(start, nl)) {
          stopped = true;
          base += nl + 1;
          break outer;
        }
        start = nl + 1;
      }
      if (eof) {
        if (start < filled && !handle(start, filled)) stopped = true;
        base += filled;
        break;
      }
      if (start > 0) {
        buf.copyWithin(0, start, filled);
        filled -= start;
        base += start;
      }
      options.onProgress?.(base);
    }
  } finally {
    source.close();
  }
  return { problems, bytesConsumed: base, stopped };
}

function flattenInto(obj: Record<string, unknown>, prefix: string, row: FlatRow): void {
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const name = prefix + key;
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (const item of value) {
        if (item === null) continue;
        items.push(typeof item === 'object' ? JSON.stringify(item) : String(item));
      }
      row.names.push(name);
      row.values.push(items);
    } else if (typeof value === 'object') {
      flattenInto(value as Record<string, unknown>, name + '.', row);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      row.names.push(name);
      row.values.push(value);
    }
  }
}

/** Flattens one object the way the reader does (for tests and single values). */
export function flattenJsonObject(obj: Record<string, unknown>): Map<string, JsonCell> {
  const row: FlatRow = { names: [], values: [] };
  flattenInto(obj, '', row);
  return new Map(row.names.map((n, i) => [n, row.values[i]]));
}

/** Every object of a JSON Lines text, flattened, with its line. For tests and small inputs. */
export function parseJsonLines(data: string | Uint8Array, options: JsonLinesOptions = {}) {
  const rows: { line: number; values: Map<string, JsonCell> }[] = [];
  const { problems } = readJsonLines(
    bufferByteSource(data),
    (row, line) => {
      rows.push({ line, values: new Map(row.names.map((n, i) => [n, row.values[i]])) });
    },
    options,
  );
  return { rows, problems };
}

function describeJson(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

function jsonErrorReason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  // V8 quotes the start of the line (`Unexpected token 'x', "{"a": x}" is not valid JSON`),
  // which for a file that is not JSON Lines is a line of someone's data: keep only the gist.
  const quoted = text.indexOf(', "');
  let gist = quoted >= 0 ? text.slice(0, quoted) : text;
  gist = gist.replace(/ in JSON at position (\d+)/, (_, at: string) => ` at character ${Number(at) + 1}`).replace(' in JSON', '');
  const lineNote = gist.indexOf(' (line ');
  if (lineNote >= 0) gist = gist.slice(0, lineNote);
  return safeToken(gist, 80);
}
