// Runs in a worker thread: loads one project's schema and sample off the main
// thread, so the server keeps answering while a large sample is read. Posts
// progress fractions, then the loaded data (its typed arrays' buffers are
// transferred, not copied). The server adds the catalog: its statistics are
// computed on first use, which a structured clone would force here.
import { parentPort, workerData } from 'node:worker_threads';
import type { ProjectConfig } from '../core/project/config';
import { loadDataFiles } from '../core/workspace/project-data';
import { transferablesOf, type WorkerMessage } from './data-messages';

interface Job {
  config: ProjectConfig;
  rowLimit?: number;
  memoryLimitMB?: number;
  cache?: boolean;
}

function run(): void {
  const port = parentPort;
  if (!port) return;
  const job = workerData as Job;
  try {
    let lastPosted = -1;
    // Profiles load on this one thread (no csv-part worker): in the editor the events
    // dominate the load, and a second loading thread keeps its own allocator arena
    // for the life of the server (~60 MB on a 1M-profile sample without the
    // launch environment's settings).
    const data = loadDataFiles(job.config, {
      rowLimit: job.rowLimit,
      memoryLimitMB: job.memoryLimitMB,
      cache: job.cache,
      onProgress: (fraction) => {
        const pct = Math.floor(fraction * 100);
        if (pct === lastPosted) return;
        lastPosted = pct;
        port.postMessage({ type: 'progress', fraction } satisfies WorkerMessage);
      },
    });
    port.postMessage({ type: 'done', data } satisfies WorkerMessage, transferablesOf(data));
  } catch (e) {
    port.postMessage({ type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerMessage);
  }
}

run();
