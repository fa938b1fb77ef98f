// JSON Lines reader: one object per line, read in chunks and parsed line by
// line (never the whole file as one string). Each object is flattened
// (json-flatten.ts: `geo.city` columns, arrays as lists, null as no value). A
// line that is not a JSON object is reported and skipped; so is a line longer
// than MAX_LINE_BYTES, without ever being held whole. Text that is not valid
// UTF-8 is read as Windows-1252 (text-encoding.ts) and the first such line noted.
import type { ByteSource } from './byte-source';
import { bufferByteSource } from './byte-source';
import { safeToken } from '../text/safe-text';
import { flattenInto, ObjectShapes, type FlatRow, type JsonCell, type WholeObjectRule } from './json-flatten';
import { decodeWindows1252, isValidUtf8 } from './text-encoding';

export type { FlatRow, JsonCell } from './json-flatten';

export interface JsonLinesProblem {
  line: number;
  message: string;
}

export interface JsonLinesOptions {
  chunkSize?: number;
  /** Called after each chunk with the bytes consumed so far. */
  onProgress?: (bytesConsumed: number) => void;
  /** What nested objects look like so far; shared by the passes over one file. */
  shapes?: ObjectShapes;
  /** Object paths the caller wants kept whole (the schema's declarations). */
  whole?: WholeObjectRule;
  /** Lines longer than this are skipped. Default MAX_LINE_BYTES. */
  maxLineBytes?: number;
}

export interface JsonLinesResult {
  problems: JsonLinesProblem[];
  bytesConsumed: number;
  stopped: boolean;
  /** The first line whose text is not valid UTF-8 (read as Windows-1252); 0 when none. */
  firstNonUtf8Line: number;
}

const LF = 10;
const DEFAULT_CHUNK = 8 * 1024 * 1024;

/**
 * A profile or an event is a few kilobytes; a longer line is not a record (a
 * file that is not JSON Lines, a dump on one line). Parsing one costs several
 * times its size and V8 cannot hold a string over 512 MB at all.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Reads every line; return `false` from `onRow` to stop. */
export function readJsonLines(
  source: ByteSource,
  onRow: (row: FlatRow, line: number) => boolean | void,
  options: JsonLinesOptions = {},
): JsonLinesResult {
  const chunk = Math.max(16, options.chunkSize ?? DEFAULT_CHUNK);
  const maxLine = Math.max(16, options.maxLineBytes ?? MAX_LINE_BYTES);
  let buf = Buffer.allocUnsafe(Math.min(chunk, maxLine + 1));
  const problems: JsonLinesProblem[] = [];
  const row: FlatRow = { names: [], values: [] };
  const shapes = options.shapes ?? new ObjectShapes();
  let filled = 0;
  let base = 0;
  let line = 0;
  let eof = false;
  let first = true;
  let stopped = false;
  let firstNonUtf8 = 0;
  /** True while the rest of an over-long line is being passed over. */
  let skipping = false;
  /** Bytes up to here (from buf[0]) are known to be valid UTF-8. */
  let validTo = 0;

  const handle = (start: number, end: number): boolean => {
    line++;
    let text: string;
    if (end > validTo && !isValidUtf8(buf, start, end)) {
      if (firstNonUtf8 === 0) firstNonUtf8 = line;
      text = decodeWindows1252(buf, start, end);
    } else {
      text = buf.toString('utf8', start, end);
    }
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
    flattenInto(value as Record<string, unknown>, row, shapes, line, options.whole);
    return onRow(row, line) !== false;
  };

  try {
    outer: for (;;) {
      if (!eof) {
        if (filled === buf.length) {
          if (filled > maxLine) {
            // No line end in more than maxLine bytes: report the line, then drop what is buffered.
            line++;
            problems.push({ line, message: `is longer than ${Math.round(maxLine / (1024 * 1024))} MB, far more than a record holds` });
            skipping = true;
            base += filled;
            filled = 0;
          } else {
            const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxLine + 1));
            buf.copy(bigger, 0, 0, filled);
            buf = bigger;
          }
        }
        const n = source.read(buf, filled, buf.length - filled);
        if (n === 0) eof = true;
        else filled += n;
      }
      let start = 0;
      if (skipping) {
        const nl = buf.indexOf(LF, 0);
        if (nl < 0 || nl >= filled) {
          base += filled;
          filled = 0;
          options.onProgress?.(base);
          if (eof) break;
          continue;
        }
        skipping = false;
        start = nl + 1;
      }
      // One check of every complete line in the chunk; lines are checked one by one only when it fails.
      const lastBreak = eof || filled === 0 ? filled : buf.lastIndexOf(LF, filled - 1) + 1;
      validTo = lastBreak > start && isValidUtf8(buf, start, lastBreak) ? lastBreak : 0;
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
  return { problems, bytesConsumed: base, stopped, firstNonUtf8Line: firstNonUtf8 };
}

/** Flattens one object the way the reader does (for tests and single values). */
export function flattenJsonObject(obj: Record<string, unknown>): Map<string, JsonCell> {
  const row: FlatRow = { names: [], values: [] };
  flattenInto(obj, row, new ObjectShapes(), 1);
  return new Map(row.names.map((n, i) => [n, row.values[i]]));
}

/** Every object of a JSON Lines text, flattened, with its line. For tests and small inputs. */
export function parseJsonLines(data: string | Uint8Array, options: JsonLinesOptions = {}) {
  const rows: { line: number; values: Map<string, JsonCell> }[] = [];
  const { problems, firstNonUtf8Line } = readJsonLines(
    bufferByteSource(data),
    (row, line) => {
      rows.push({ line, values: new Map(row.names.map((n, i) => [n, row.values[i]])) });
    },
    options,
  );
  return { rows, problems, firstNonUtf8Line };
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
