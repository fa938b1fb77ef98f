// Preloaded into the language server by `bench/lsp-large.ts --cpu-prof DIR`
// (through NODE_OPTIONS=--require, which does not accept --cpu-prof itself):
// profiles the server's main thread from start to exit and writes a
// .cpuprofile into SEGMENTS_CPU_PROF_DIR, readable by Chrome DevTools.
'use strict';
const { Session } = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { isMainThread } = require('node:worker_threads');

const dir = process.env.SEGMENTS_CPU_PROF_DIR;
if (dir && isMainThread) {
  const session = new Session();
  session.connect();
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('exit', () => {
    // The same-thread inspector answers synchronously, so this completes inside 'exit'.
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
