// The generated benchmark sample shared by the benchmarks (engine.ts, lsp.ts
// --large): scripts/sample-generator.ts with a fixed seed and asOf, written once
// into <os tmp>/segments-bench/ and reused while its parameters match.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SAMPLE_AS_OF = '2026-11-01';
export const SAMPLE_SEED = 42;
/** The generator's id column (its other columns match the demo project's schema). */
export const SAMPLE_ID_COLUMN = 'user_id';

export interface SampleFiles {
  profiles: string;
  events: string;
  eventCount: number;
}

/** The profiles and events CSV for `profileCount` profiles, generated when absent or made with other parameters. */
export async function sampleFiles(profileCount: number): Promise<SampleFiles> {
  const { GENERATOR_VERSION } = await import('../scripts/sample-generator');
  const dir = join(tmpdir(), 'segments-bench', `sample-${profileCount}-seed${SAMPLE_SEED}-${SAMPLE_AS_OF}-v${GENERATOR_VERSION}`);
  const profiles = join(dir, 'profiles.csv');
  const events = join(dir, 'events.csv');
  const done = join(dir, 'done.json');
  const params = { profileCount, seed: SAMPLE_SEED, asOf: SAMPLE_AS_OF, generator: GENERATOR_VERSION };
  if (existsSync(done)) {
    const saved = JSON.parse(readFileSync(done, 'utf8'));
    if (JSON.stringify(saved.params) === JSON.stringify(params) && existsSync(profiles) && existsSync(events)) {
      return { profiles, events, eventCount: saved.events };
    }
  }
  mkdirSync(dir, { recursive: true });
  console.log(`generating ${profileCount.toLocaleString('en-US')} profiles into ${dir} …`);
  const { generateSample } = await import('../scripts/sample-generator');
  const summary = generateSample({ ...params, profilesFile: profiles, eventsFile: events });
  // Written last: a run cut short leaves no done.json, so the files are rebuilt.
  writeFileSync(done, JSON.stringify({ params, events: summary.events }));
  return { profiles, events, eventCount: summary.events };
}
