// Loads a project's data (schema, sample, catalog) in a worker thread and
// reports work-done progress, so diagnostics and completion stay responsive
// while a big sample loads. A newer load of the same project cancels the older
// one (its worker is terminated and its result never used).
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProjectConfig } from '../core/project/config';
import { loadDataFiles, projectDataOf, type LoadedData, type ProjectData } from '../core/workspace/project-data';
import type { WorkerMessage } from './data-messages';
import { plural } from '../core/text/numbers';
import type { CacheOutcome } from '../core/sample/store-cache';

export interface ProgressReporter {
  report(percentage: number, message?: string): void;
  done(): void;
}

export type ProgressFactory = (title: string) => Promise<ProgressReporter>;

export interface LoadRequest {
  config: ProjectConfig;
  rowLimit?: number;
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
      let where = this.workerScript ? 'worker thread' : 'server thread';
      // Functions cannot cross into a worker.
      const job = { config: request.config, rowLimit: request.rowLimit, cache: request.cache };
      const work = this.workerScript
        ? this.loadInWorker(this.workerScript, job, report, (s) => (stop = s), () => (where = 'server thread, after the worker failed'))
        : this.loadHere(job, report);
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
    onFallback: () => void,
  ): Promise<LoadedData> {
    return new Promise<LoadedData>((resolve, reject) => {
      const worker = new Worker(script, { workerData: request });
      let settled = false;
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
          settled = true;
          this.log(`data worker failed, loading in the server instead: ${m.message}`);
          onFallback();
          void worker.terminate();
          resolve(this.loadHere(request, progress));
        }
      });
      worker.on('error', (e) => {
        if (settled) return;
        settled = true;
        this.log(`data worker crashed, loading in the server instead: ${e.stack ?? e.message}`);
        onFallback();
        resolve(this.loadHere(request, progress));
      });
      worker.on('exit', (code) => {
        if (!settled) {
          settled = true;
          reject(new Error(`data worker exited with code ${code}`));
        }
      });
    });
  }

  /** Fallback when no worker bundle exists (running from sources) or the worker failed. */
  private async loadHere(request: Omit<LoadRequest, 'onProgress'>, progress: ProgressReporter | undefined): Promise<LoadedData> {
    await new Promise((r) => setImmediate(r));
    return loadDataFiles(request.config, {
      rowLimit: request.rowLimit,
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
