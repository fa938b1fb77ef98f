// RFC 4180 CSV tokenizer working on raw bytes, chunk by chunk. It never decodes
// a whole record or file to a string: it hands out batches of records as field
// byte ranges into the current chunk, so the loaders can parse numbers, dates
// and dictionary-encode text straight from the bytes, one column at a time.
//
// Accepted: header row or not (the caller decides what the first record is),
// `,` delimiter, quoted fields with `""` escapes and embedded line breaks, LF,
// CRLF or lone CR line ends, a UTF-8 byte order mark, a missing final line end.
// Completely empty lines are skipped. Lenient where RFC 4180 is strict: a quote
// inside an unquoted field is literal text, and text after a closing quote is
// appended to the field.
import type { ByteSource } from './byte-source';
import { bufferByteSource } from './byte-source';
import { decodeNonAscii, firstNonUtf8Line } from './text-encoding';

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * The records completed in one chunk. Field k of record r is
 * `bytes[fieldStart[recordFields[r] + k] .. fieldEnd[…])`, already unquoted.
 * Valid only during the `onBatch` call: the next read reuses the buffer.
 */
export interface CsvBatch {
  bytes: Buffer;
  count: number;
  /** Index of record r's first field; `recordFields[count]` is the total. Length ≥ count + 1. */
  recordFields: Int32Array;
  fieldStart: Int32Array;
  fieldEnd: Int32Array;
  /** 1-based line on which record r starts (line breaks inside quoted fields count). */
  recordLine: Int32Array;
  /** Bytes of the input consumed once this batch is done (for progress). */
  bytesConsumed: number;
}

export interface CsvProblem {
  line: number;
  kind: 'unclosed-quote' | 'record-too-long';
}

export interface CsvReadOptions {
  /** Bytes per read; records may be longer (the buffer grows). Default 8 MB. */
  chunkSize?: number;
  /** A single record longer than this stops reading (a quote that never closes). Default 256 MB. */
  maxRecordBytes?: number;
  /** Line of the source's first byte, when it is a later part of a file. Default 1. */
  firstLine?: number;
  /** Skip a UTF-8 byte order mark at the start. Default true; false for a later part of a file, where those bytes are text. */
  bom?: boolean;
}

export interface CsvReadResult {
  problems: CsvProblem[];
  bytesConsumed: number;
  /** True when `onBatch` asked to stop before the end. */
  stopped: boolean;
  /** Line of the first byte not consumed (one past the last line when the input was read to its end). */
  endLine: number;
  /** The first line holding text that is not valid UTF-8 (text-encoding.ts decodes it as Windows-1252); 0 when none. */
  firstNonUtf8Line: number;
}

const DEFAULT_CHUNK = 8 * 1024 * 1024;
const DEFAULT_MAX_RECORD = 256 * 1024 * 1024;

class BatchArrays implements CsvBatch {
  bytes: Buffer;
  count = 0;
  recordFields = new Int32Array(1024);
  fieldStart = new Int32Array(8192);
  fieldEnd = new Int32Array(8192);
  recordLine = new Int32Array(1024);
  bytesConsumed = 0;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }
  growFields(): void {
    const n = this.fieldStart.length * 2;
    const s = new Int32Array(n);
    s.set(this.fieldStart);
    const e = new Int32Array(n);
    e.set(this.fieldEnd);
    this.fieldStart = s;
    this.fieldEnd = e;
  }
  growRecords(): void {
    const n = this.recordLine.length * 2;
    const f = new Int32Array(n + 1);
    f.set(this.recordFields);
    const l = new Int32Array(n);
    l.set(this.recordLine);
    this.recordFields = f;
    this.recordLine = l;
  }
}

/**
 * Reads every record from `source`, calling `onBatch` after each chunk with the
 * records completed in it. Return `false` from `onBatch` to stop early.
 */
export function readCsv(
  source: ByteSource,
  onBatch: (batch: CsvBatch) => boolean | void,
  options: CsvReadOptions = {},
): CsvReadResult {
  const chunkSize = Math.max(16, options.chunkSize ?? DEFAULT_CHUNK);
  const maxRecord = options.maxRecordBytes ?? DEFAULT_MAX_RECORD;
  let buf = Buffer.allocUnsafe(chunkSize);
  const batch = new BatchArrays(buf);
  const problems: CsvProblem[] = [];
  let filled = 0;
  let pos = 0;
  let base = 0; // absolute offset of buf[0]
  let eof = false;
  let bomChecked = options.bom === false;
  let line = options.firstLine ?? 1;
  let firstNonUtf8 = 0;
  /** Absolute offset up to which the input is known to be valid UTF-8. */
  let checkedTo = 0;

  let stopped = false;
  try {
    for (;;) {
      if (pos > 0) {
        buf.copyWithin(0, pos, filled);
        filled -= pos;
        base += pos;
        pos = 0;
      }
      if (!eof) {
        if (filled === buf.length) {
          if (buf.length >= maxRecord) {
            problems.push({ line, kind: 'record-too-long' });
            stopped = true;
            break;
          }
          const bigger = Buffer.allocUnsafe(Math.min(maxRecord, buf.length * 2));
          buf.copy(bigger, 0, 0, filled);
          buf = bigger;
          batch.bytes = buf;
        }
        const n = source.read(buf, filled, buf.length - filled);
        if (n === 0) eof = true;
        else filled += n;
      }
      if (!bomChecked) {
        if (filled < 3 && !eof) continue;
        bomChecked = true;
        if (filled >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      }
      if (firstNonUtf8 === 0) {
        // Complete lines only (a line break never splits a character), each byte once.
        // (A negative start would make lastIndexOf search from the end of the whole buffer.)
        let lastBreak = eof || filled === 0 ? filled - 1 : buf.lastIndexOf(LF, filled - 1);
        if (lastBreak < 0 && filled > 0) lastBreak = buf.lastIndexOf(CR, filled - 1);
        const end = lastBreak + 1;
        const from = Math.max(pos, checkedTo - base);
        if (end > from) {
          const bad = firstNonUtf8Line(buf, from, end);
          if (bad >= 0) firstNonUtf8 = line + firstNonUtf8Line(buf, pos, end);
          checkedTo = base + end;
        }
      }
      const state = { line, pos };
      tokenize(buf, state, filled, eof, batch, problems);
      line = state.line;
      pos = state.pos;
      batch.bytesConsumed = base + pos;
      if (batch.count > 0 && onBatch(batch) === false) {
        stopped = true;
        break;
      }
      if (eof) break;
    }
  } finally {
    source.close();
  }
  return { problems, bytesConsumed: base + pos, stopped, endLine: line, firstNonUtf8Line: firstNonUtf8 };
}

// Fields of the current record that need unquoting, reused across records. A
// counter rather than `array.length = 0`: resetting an array's length is a call
// into the runtime, and it ran once per record (a tenth of the tokenizer's time
// on a file of short records).
let fixList = new Int32Array(64);

/**
 * Tokenizes the complete records in bytes[state.pos, end) into `batch`; leaves
 * `state.pos` at the first byte not consumed and `state.line` at its line.
 */
function tokenize(
  bytes: Buffer,
  state: { line: number; pos: number },
  end: number,
  final: boolean,
  batch: BatchArrays,
  problems: CsvProblem[],
): void {
  let i = state.pos;
  let line = state.line;
  let fieldCount = 0;
  let starts = batch.fieldStart;
  let ends = batch.fieldEnd;
  let capacity = starts.length;
  let fixes = fixList;
  let fixCount = 0;
  batch.count = 0;
  batch.recordFields[0] = 0;
  records: while (i < end) {
    const first = bytes[i];
    if (first === LF) {
      line++;
      i++;
      state.pos = i;
      state.line = line;
      continue;
    }
    if (first === CR) {
      if (i + 1 < end) i += bytes[i + 1] === LF ? 2 : 1;
      else if (final) i++;
      else break;
      line++;
      state.pos = i;
      state.line = line;
      continue;
    }
    const recordLine = line;
    let extraLines = 0;
    let f = fieldCount;
    fixCount = 0;
    // One iteration per field; `break records` leaves an incomplete record for the next chunk.
    for (;;) {
      if (f >= capacity) {
        batch.growFields();
        starts = batch.fieldStart;
        ends = batch.fieldEnd;
        capacity = starts.length;
      }
      let k = i;
      if (bytes[k] === QUOTE) {
        let j = k + 1;
        let needsFix = false;
        let closed = false;
        while (j < end) {
          const c = bytes[j];
          if (c === QUOTE) {
            if (j + 1 >= end) {
              if (!final) break records;
              j++;
              closed = true;
              break;
            }
            if (bytes[j + 1] === QUOTE) {
              needsFix = true;
              j += 2;
              continue;
            }
            j++;
            closed = true;
            break;
          }
          if (c === LF) extraLines++;
          else if (c === CR) {
            if (j + 1 >= end) {
              if (!final) break records;
              extraLines++;
            } else if (bytes[j + 1] !== LF) extraLines++;
          }
          j++;
        }
        if (!closed) {
          if (!final) break records;
          problems.push({ line: recordLine, kind: 'unclosed-quote' });
          needsFix = true;
        }
        k = j;
        while (k < end) {
          const c = bytes[k];
          if (c === COMMA || c === LF || c === CR) break;
          needsFix = true;
          k++;
        }
        if (k >= end && !final) break records;
        if (needsFix) {
          starts[f] = i;
          ends[f] = k;
          if (fixCount === fixes.length) {
            fixList = new Int32Array(fixes.length * 2);
            fixList.set(fixes);
            fixes = fixList;
          }
          fixes[fixCount++] = f;
        } else {
          starts[f] = i + 1;
          ends[f] = j - 1;
        }
      } else {
        while (k < end) {
          const c = bytes[k];
          // Most bytes are letters and digits, above every byte that ends a field.
          if (c <= COMMA && (c === COMMA || c === LF || c === CR)) break;
          k++;
        }
        if (k >= end && !final) break records;
        starts[f] = i;
        ends[f] = k;
      }
      f++;
      if (k >= end) {
        i = k;
        break;
      }
      const c = bytes[k];
      if (c === COMMA) {
        i = k + 1;
        if (i >= end) {
          if (!final) break records;
          // A trailing comma at the very end of the input: one more, empty field.
          if (f >= capacity) {
            batch.growFields();
            starts = batch.fieldStart;
            ends = batch.fieldEnd;
            capacity = starts.length;
          }
          starts[f] = i;
          ends[f] = i;
          f++;
          break;
        }
        continue;
      }
      if (c === LF) {
        i = k + 1;
      } else {
        // CR: a CRLF pair needs to see the next byte.
        if (k + 1 < end) i = bytes[k + 1] === LF ? k + 2 : k + 1;
        else if (final) i = k + 1;
        else break records;
      }
      extraLines++;
      break;
    }
    for (let x = 0; x < fixCount; x++) {
      const fi = fixes[x];
      ends[fi] = unquoteInPlace(bytes, starts[fi], ends[fi]);
    }
    if (batch.count + 1 >= batch.recordLine.length) batch.growRecords();
    batch.recordLine[batch.count] = recordLine;
    batch.count++;
    batch.recordFields[batch.count] = f;
    fieldCount = f;
    line = recordLine + extraLines;
    state.pos = i;
    state.line = line;
  }
}

/**
 * Unquotes a field whose raw bytes (opening quote included) span [from, to),
 * writing over itself: `""` becomes `"`, text after the closing quote is kept.
 * Returns the new end.
 */
function unquoteInPlace(bytes: Buffer, from: number, to: number): number {
  let w = from;
  let r = from + 1;
  let quoted = true;
  while (r < to) {
    const c = bytes[r];
    if (quoted && c === QUOTE) {
      if (r + 1 < to && bytes[r + 1] === QUOTE) {
        bytes[w++] = QUOTE;
        r += 2;
      } else {
        quoted = false;
        r++;
      }
    } else {
      bytes[w++] = c;
      r++;
    }
  }
  return w;
}

/** The text of bytes [start, end): UTF-8 (Windows-1252 when not valid UTF-8), with a fast path for plain ASCII. */
export function decodeField(bytes: Buffer, start: number, end: number): string {
  for (let k = start; k < end; k++) {
    if (bytes[k] >= 0x80) return decodeNonAscii(bytes, start, end);
  }
  return bytes.toString('latin1', start, end);
}

/** All records of a CSV text as strings, with the line each starts on. For tests and small inputs. */
export function parseCsv(
  data: string | Uint8Array,
  options: CsvReadOptions = {},
): { records: string[][]; lines: number[]; problems: CsvProblem[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  const { problems } = readCsv(
    bufferByteSource(data),
    (b) => {
      for (let r = 0; r < b.count; r++) {
        const fields: string[] = [];
        for (let f = b.recordFields[r]; f < b.recordFields[r + 1]; f++) {
          fields.push(decodeField(b.bytes, b.fieldStart[f], b.fieldEnd[f]));
        }
        records.push(fields);
        lines.push(b.recordLine[r]);
      }
    },
    options,
  );
  return { records, lines, problems };
}
