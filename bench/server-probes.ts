// What the language-server benches read off a running server: its memory
// (/proc/<pid>/status) and the size a CodeLens shows.
import { readFileSync } from 'node:fs';
import type { CodeLens } from 'vscode-languageserver-protocol';

export interface ProcMemory {
  rssMb: number;
  peakMb: number;
  threads: number;
}

/** VmRSS / VmHWM of the server process. Its data worker is a thread of that process, so both figures include it. */
export function procMemory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024, threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? NaN) };
}

const SIZE = /^([\d,]+) of ([\d,]+)/;

/** The size the lens on `line` shows, or undefined when it shows none (loading, errors). */
export function sizeOnLine(list: CodeLens[], line: number): number | undefined {
  for (const l of list) {
    const m = l.range.start.line === line ? SIZE.exec(l.command?.title ?? '') : null;
    if (m) return Number(m[1].replace(/,/g, ''));
  }
  return undefined;
}
