// Loads a project's data (schema, sample, catalog) in a worker thread and
// reports work-done progress, so diagnostics and completion stay responsive
// while a big sample loads. A newer load of the same project cancels the older
// one (its worker is terminated and its result never used). A load that fails
// in the worker (an exception, the thread running out of memory or stopping)
// is never run again on the server's thread, which would block every request
// for as long and could take the server down with it: its result is an error
// on the sample file (core's loadFailure), which the diagnostics, the status
// bar and the previews show.
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProjectConfig } from '../core/project/config';
import { loadDataFiles, loadFailure, projectDataOf, type LoadedData, type ProjectData } from '../core/workspace/project-data';
import { budgetBytes, BYTES_PER_MB } from '../core/sample/memory-budget';
import type { WorkerMessage } from './data-messages';
import { formatCount, plural } from '../core/text/numbers';
import type { CacheOutcome } from '../core/sample/store-cache';

export interface ProgressReporter {
  report(percentage: number, message?: string): void;
  done(): void;
}

export type ProgressFactory = (title: string) => Promise<ProgressReporter>;

export interface LoadRequest {
  config: ProjectConfig;
  rowLimit?: number;
  /** The load's memory budget (segments.sample.memoryLimitMB); also caps the worker's JavaScript heap. */
  memoryLimitMB?: number;
  /** Use the project's sample cache (LoadDataOptions.cache). */
  cache?: boolean;
  /** Whole percents as the load advances (besides the work-done progress). */
  onProgress?: (percent: number) => void;
}

export class LoadCancelled extends Error {
  constructor() {
    super('load cancelled');
  }
}

export class DataLoader {
  private readonly running = new Map<string, () => void>();

  constructor(
    private readonly workerScript: string | undefined,
    private readonly startProgress: ProgressFactory,
    private readonly log: (message: string) => void,
    private readonly info: (message: string) => void = () => undefined,
  ) {}

  /** Loads the data of the project keyed `key`; rejects with LoadCancelled when a newer load of it starts. */
  async load(key: string, request: LoadRequest): Promise<ProjectData> {
    this.running.get(key)?.();
    const sampleName = request.config.sample ? basename(request.config.sample) : 'schema';
    const progress = await this.startProgress(`Loading ${sampleName}`).catch(() => undefined);
    let lastPercent = -1;
    const report: ProgressReporter = {
      report: (percent, message) => {
        if (percent === lastPercent) return;
        lastPercent = percent;
        progress?.report(percent, message);
        request.onProgress?.(percent);
      },
      done: () => progress?.done(),
    };
    let cancel!: () => void;
    const cancelled = new Promise<never>((_, reject) => {
      cancel = () => reject(new LoadCancelled());
    });
    cancelled.catch(() => undefined);
    let stop: () => void = () => undefined;
    const entry = (): void => {
      stop();
      cancel();
    };
    this.running.set(key, entry);
    try {
      const started = Date.now();
      const where = this.workerScript ? 'worker thread' : 'server thread';
      // Functions cannot cross into a worker.
      const job = { config: request.config, rowLimit: request.rowLimit, memoryLimitMB: request.memoryLimitMB, cache: request.cache };
      const work = this.workerScript ? this.loadInWorker(this.workerScript, job, report, (s) => (stop = s)) : this.loadHere(job, report);
      const data = projectDataOf(await Promise.race([work, cancelled]));
      this.info(`loaded ${describeData(data, sampleName)} in ${Date.now() - started} ms (${where}${cacheNote(data.cache)})`);
      return data;
    } finally {
      report.done();
      if (this.running.get(key) === entry) this.running.delete(key);
    }
  }

  cancelAll(): void {
    for (const cancel of this.running.values()) cancel();
    this.running.clear();
  }

  private loadInWorker(
    script: string,
    request: Omit<LoadRequest, 'onProgress'>,
    progress: ProgressReporter | undefined,
    onStop: (stop: () => void) => void,
  ): Promise<LoadedData> {
    return new Promise<LoadedData>((resolve) => {
      // The typed arrays of the columns are counted by the load's own budget; the heap limit
      // catches what is not (the strings and objects of a runaway file) before the server's memory.
      const heapMb = Math.max(512, budgetBytes(request.memoryLimitMB) / BYTES_PER_MB + 512);
      const worker = new Worker(script, { workerData: request, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
      let settled = false;
      const fail = (reason: string, detail: string): void => {
        if (settled) return;
        settled = true;
        this.log(`loading the data of ${request.config.configFile ?? request.config.root} failed: ${detail}`);
        void worker.terminate();
        resolve(loadFailure(request.config, reason));
      };
      onStop(() => {
        settled = true;
        void worker.terminate();
      });
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') {
          progress?.report(Math.round(m.fraction * 100));
        } else if (m.type === 'done') {
          settled = true;
          resolve(m.data);
          void worker.terminate();
        } else {
          fail(m.message.split('\n')[0], m.message);
        }
      });
      worker.on('error', (e: NodeJS.ErrnoException) => {
        const reason = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `loading it ran out of memory (${formatCount(heapMb)} MB)` : e.message;
        fail(reason, e.stack ?? e.message);
      });
      worker.on('exit', (code) => fail(`the loading thread stopped (exit code ${code})`, `exit code ${code}`));
    });
  }

  /** Only when no worker bundle exists (the server run from sources, in tests). */
  private async loadHere(request: Omit<LoadRequest, 'onProgress'>, progress: ProgressReporter | undefined): Promise<LoadedData> {
    await new Promise((r) => setImmediate(r));
    return loadDataFiles(request.config, {
      rowLimit: request.rowLimit,
      memoryLimitMB: request.memoryLimitMB,
      cache: request.cache,
      onProgress: (f) => progress?.report(Math.round(f * 100)),
    });
  }
}

function describeData(data: ProjectData, sampleName: string): string {
  const store = data.store;
  if (!store) return sampleName;
  const events = store.events ? `, ${plural(store.events.count, 'event')}` : '';
  return `${sampleName}: ${plural(store.profiles.count, 'profile')}${events}`;
}

/** Where the sample came from, for the log: the cache, or parsed (and why the cache did not serve). */
function cacheNote(cache: CacheOutcome | undefined): string {
  if (!cache) return '';
  if (cache.kind === 'hit') return ', read from the cache';
  if (cache.kind === 'written') return `, parsed (cache ${cache.miss}) and cached`;
  return `, parsed (cache ${cache.miss}; not written: ${cache.why})`;
}
