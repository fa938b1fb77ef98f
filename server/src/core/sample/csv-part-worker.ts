// Worker thread entry: reads the second part of a large CSV file for the thread
// that reads the first (see csv-part.ts). Hosts bundle it next to their own
// bundle (dist/csv-part-worker.js) and pass its path in LoadSampleOptions.
import { isMainThread, workerData } from 'node:worker_threads';
import type { CsvPartWorkerData } from './csv-part';
import { answerCsvPart } from './csv-part';

if (!isMainThread && workerData) answerCsvPart(workerData as CsvPartWorkerData);
