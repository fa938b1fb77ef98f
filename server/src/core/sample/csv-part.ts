// The second part of a large CSV file, read by a worker thread while the calling
// thread reads the first (read-csv-table.ts). The load stays synchronous: the caller
// blocks on a shared flag with Atomics.wait once its own part is done, then
// takes the worker's message with receiveMessageOnPort. The columns' arrays are
// transferred, not copied.
//
// Lines in the worker's result count from 1 at the part's first byte: the
// caller learns the real line of that byte only when its own part is read, and
// shifts them (so nothing in the result is text that mentions a line).
import { existsSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { Column, PackedTexts } from './store';
import type { ValueType } from '../base/value-type';
import type { CsvBatch, CsvProblem } from './csv';
import type { SampleLogData } from './column-builders';
import { createColumnBuilder, SampleLog } from './column-builders';
import type { CellSink } from './cell-sink';
import type { RaggedLog } from './csv-rows';
import { loadCsvRows, RowLines, type RowLineRuns } from './csv-rows';

/** How the core finds the worker script: the host knows where its bundle put it. */
export interface CsvPartWorkerOptions {
  /**
   * Path of the bundled worker script (dist/csv-part-worker.js). Not the .ts
   * source: a worker thread does not inherit tsx's loader, so tests bundle it.
   */
  script: string;
  /** Node options for the worker thread. */
  execArgv?: string[];
  /** Files smaller than this are read by one thread. Default 8 MB (tests lower it). */
  minFileBytes?: number;
}

export const DEFAULT_MIN_SPLIT_BYTES = 8 * 1024 * 1024;

export interface CsvPartJob {
  file: string;
  start: number;
  end: number;
  /** Fields in the header. */
  width: number;
  capacity: number;
  chunkSize?: number;
  /** Attribute columns, typed by the caller's sniff. */
  columns: { index: number; name: string; type: ValueType; declared: boolean }[];
  /** Fields of key columns, read as text and handed back as bytes for the caller's key sinks. */
  keys: number[];
}

export interface CsvPartResult {
  rowCount: number;
  rowLines: RowLineRuns;
  columns: { index: number; column: Column; nonEmpty: number; bad: SampleLogData<{ line: number; text: string }> }[];
  /** Key cells as they are (untrimmed): the caller's key sinks intern them, so the worker does not intern them twice. */
  keys: { index: number; cells: PackedTexts }[];
  ragged: SampleLogData<{ line: number; found: number }>;
  problems: CsvProblem[];
  /** First line (counted from the part's start) with text that is not valid UTF-8; 0 when none. */
  firstNonUtf8Line: number;
}

type CsvPartMessage = { ok: true; result: CsvPartResult } | { ok: false; error: string };

/** What the worker gets: the port on which the job comes and the answer goes, and the flag (and progress word) it sets. */
export interface CsvPartWorkerData {
  port: MessagePort;
  flag: Int32Array;
}

const FLAG = 0;
const PROGRESS = 1;
/** Give up on a worker that has neither answered nor advanced for this long (a script that never started). */
const STALL_MS = 60_000;

/** The bytes of one field per row, kept as they are (a short record's missing field is empty). */
class RowTexts implements CellSink {
  private bytes: Uint8Array;
  private starts: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(64, capacity * 16));
    this.starts = new Int32Array(Math.max(16, capacity) + 1);
  }

  pushBatch(b: CsvBatch, field: number, from: number, to: number): void {
    const { bytes, recordFields: rf, fieldStart: fs, fieldEnd: fe } = b;
    let used = this.starts[this.length];
    let need = used;
    for (let r = from; r < to; r++) {
      const fi = rf[r] + field;
      if (fi < rf[r + 1]) need += fe[fi] - fs[fi];
    }
    this.reserve(to - from, need);
    const out = this.bytes;
    const starts = this.starts;
    let n = this.length;
    for (let r = from; r < to; r++) {
      const fi = rf[r] + field;
      if (fi < rf[r + 1]) for (let k = fs[fi], end = fe[fi]; k < end; k++) out[used++] = bytes[k];
      starts[++n] = used;
    }
    this.length = n;
  }

  pushJson(): void {
    throw new Error('RowTexts reads CSV only');
  }

  padTo(rows: number): void {
    this.reserve(rows - this.length, this.starts[this.length]);
    while (this.length < rows) this.starts[this.length + 1] = this.starts[this.length++];
  }

  finish(): PackedTexts {
    return { bytes: this.bytes.slice(0, this.starts[this.length]), starts: this.starts.slice(0, this.length + 1) };
  }

  private reserve(rows: number, bytes: number): void {
    if (this.length + rows + 1 > this.starts.length) {
      const bigger = new Int32Array(Math.max(this.length + rows + 1, Math.ceil(this.starts.length * 1.5)));
      bigger.set(this.starts);
      this.starts = bigger;
    }
    if (bytes > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(bytes, Math.ceil(this.bytes.length * 1.5)));
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
  }
}

/**
 * Loads the worker script and answers with its error when it cannot be loaded:
 * the caller is blocked in Atomics.wait and would not see the worker's 'error' event.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
import(pathToFileURL(workerData.script).href).catch((e) => {
  try {
    workerData.port.postMessage({ ok: false, error: 'cannot load ' + workerData.script + ': ' + ((e && e.stack) || e) });
  } finally {
    Atomics.store(workerData.flag, ${FLAG}, 1);
    Atomics.notify(workerData.flag, ${FLAG});
  }
});
`;

/** Reads a part (in the worker): the same row loop as the caller's. */
export function readCsvPart(job: CsvPartJob, onBytes?: (bytesDone: number) => void): { result: CsvPartResult; transfer: ArrayBuffer[] } {
  const builders = job.columns.map((c) => ({ index: c.index, builder: createColumnBuilder(c.type, c.name, c.declared, job.capacity) }));
  const keys = job.keys.map((index) => ({ index, builder: new RowTexts(job.capacity) }));
  const sinks: [number, CellSink][] = [...builders, ...keys].map((b) => [b.index, b.builder]);
  const rowLines = new RowLines();
  const ragged: RaggedLog = new SampleLog();
  const read = loadCsvRows(
    { file: job.file, start: job.start, end: job.end, firstLine: 1, header: false },
    job.width,
    sinks,
    Number.POSITIVE_INFINITY,
    rowLines,
    ragged,
    { chunkSize: job.chunkSize, onBytes },
  );
  const rowCount = rowLines.length;
  for (const [, sink] of sinks) sink.padTo(rowCount);
  const result: CsvPartResult = {
    rowCount,
    rowLines: rowLines.finish(),
    columns: builders.map(({ index, builder }) => ({
      index,
      nonEmpty: builder.nonEmpty,
      bad: logData(builder.bad),
      column: builder.finish(),
    })),
    keys: keys.map(({ index, builder }) => ({ index, cells: builder.finish() })),
    ragged: logData(ragged),
    problems: read.problems,
    firstNonUtf8Line: read.firstNonUtf8Line,
  };
  return { result, transfer: buffersOf(result) };
}

function logData<S extends { line: number }>(log: SampleLogData<S>): SampleLogData<S> {
  return { count: log.count, samples: log.samples, firstUnlistedLine: log.firstUnlistedLine };
}

/** Every array buffer in the result, once each (a buffer listed twice cannot be transferred). */
function buffersOf(result: CsvPartResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView) => buffers.add(a.buffer as ArrayBuffer);
  add(result.rowLines.rows);
  add(result.rowLines.lines);
  for (const { column } of result.columns) {
    add(column.missing);
    switch (column.type) {
      case 'number':
      case 'date':
        add(column.codes);
        add(column.dictionary);
        break;
      case 'string':
        add(column.codes);
        break;
      case 'boolean':
        add(column.values);
        break;
      case 'list':
        add(column.offsets);
        add(column.itemCodes);
        break;
    }
  }
  for (const { cells } of result.keys) {
    add(cells.bytes);
    add(cells.starts);
  }
  return [...buffers];
}

/** The worker's side: waits for the job, reads its part and answers, setting the flag after the message is posted. */
export function answerCsvPart(data: CsvPartWorkerData): void {
  const { port, flag } = data;
  port.once('message', (job: CsvPartJob) => {
    let message: CsvPartMessage;
    let transfer: ArrayBuffer[] = [];
    try {
      const read = readCsvPart(job, (bytes) => Atomics.store(flag, PROGRESS, Math.floor(bytes / 65536)));
      message = { ok: true, result: read.result };
      transfer = read.transfer;
    } catch (e) {
      message = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    try {
      port.postMessage(message, transfer);
    } catch (e) {
      port.postMessage({ ok: false, error: `cannot post the part: ${e instanceof Error ? e.message : String(e)}` } satisfies CsvPartMessage);
    }
    port.close();
    Atomics.store(flag, FLAG, 1);
    Atomics.notify(flag, FLAG);
  });
}

/**
 * The caller's side: a worker started before the caller sniffs the file (the
 * thread and its module load while the caller works), given its part once the
 * caller knows the columns and where to cut.
 */
export class CsvPartReader {
  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly flag: Int32Array,
  ) {}

  /** Starts the worker; undefined when it cannot start (the caller reads the whole file itself). */
  static start(options: CsvPartWorkerOptions): CsvPartReader | undefined {
    if (!existsSync(options.script)) return undefined;
    const flag = new Int32Array(new SharedArrayBuffer(8));
    const { port1, port2 } = new MessageChannel();
    try {
      const workerData: CsvPartWorkerData & { script: string } = { port: port2, flag, script: options.script };
      const worker = new Worker(BOOTSTRAP, { eval: true, workerData, transferList: [port2], execArgv: options.execArgv });
      // Errors surface as a missing answer; an 'error' event nobody listens to would crash the process.
      worker.on('error', () => undefined);
      worker.unref();
      return new CsvPartReader(worker, port1, flag);
    } catch {
      port1.close();
      return undefined;
    }
  }

  /** Gives the worker its part to read. */
  read(job: CsvPartJob): void {
    this.port.postMessage(job);
  }

  /** Blocks until the worker answers: its result, or an error message. */
  result(): CsvPartResult | { error: string } {
    let progress = -1;
    let since = Date.now();
    while (Atomics.load(this.flag, FLAG) === 0) {
      Atomics.wait(this.flag, FLAG, 0, 1000);
      const now = Atomics.load(this.flag, PROGRESS);
      if (now !== progress) {
        progress = now;
        since = Date.now();
      } else if (Date.now() - since > STALL_MS) {
        this.stop();
        return { error: 'the worker neither answered nor advanced for a minute' };
      }
    }
    const received = receiveMessageOnPort(this.port);
    this.stop();
    if (!received) return { error: 'the worker set its flag without an answer' };
    const message = received.message as CsvPartMessage;
    return message.ok ? message.result : { error: message.error };
  }

  /** Ends the worker (its answer, if any, is dropped). */
  stop(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
